import * as openpgp from 'openpgp';
import { afterEach, describe, expect, it } from 'vitest';
import { labelProtector, openpgpProtector, readLabels } from '../../../src/files/index.js';
import { fetchVia } from '../../pipeline/exchange-support.js';
import { DOCX, fixture, startFileProxy } from './support.js';

const HOST = 'files.acme-docs.com.proxy.test';
const CONFIDENTIAL = { name: 'Confidential', id: '3a8e5b2c-6f41-4d7e-9b1a-0c2d4e6f8a10', siteId: '9f8e7d6c-5b4a-4321-8fed-cba987654321' };
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

const serve = (bytes: Buffer, type: string, name: string) => ({
  '* /f': (_q: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': type, 'content-disposition': `attachment; filename="${name}"` }).end(bytes),
});

describe('protected downloads through the pipeline', () => {
  it('encrypts to the recipient with OpenPGP: <name>.pgp, and the private key gives back the original bytes', async () => {
    const { privateKey, publicKey } = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ name: 'Records', email: 'records@example.com' }], format: 'armored' });
    const docx = fixture('report.docx');
    const env = await startFileProxy(serve(docx, DOCX, 'report.docx'), {
      classifier: () => ({ action: 'protect', rule: 'encrypt office', protect: { with: 'openpgp' } }),
      protectors: { openpgp: await openpgpProtector({ encryptionKeys: [publicKey] }) },
    });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/f');
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toMatch(/filename="report\.docx\.pgp"/);
    expect(got.body.includes(docx.subarray(0, 32))).toBe(false);
    const message = await openpgp.readMessage({ binaryMessage: new Uint8Array(got.body) });
    const { data } = await openpgp.decrypt({ message, decryptionKeys: await openpgp.readPrivateKey({ armoredKey: privateKey }), format: 'binary' });
    expect(Buffer.from(data as Uint8Array).equals(docx)).toBe(true);
  });

  it('stamps the rule\'s sensitivity label into an Office file, which the label reader reads back', async () => {
    const docx = fixture('report.docx');
    const env = await startFileProxy(serve(docx, DOCX, 'report.docx'), {
      classifier: () => ({ action: 'protect', protect: { with: 'label', label: 'Confidential' } }),
      protectors: { label: labelProtector({ labels: [CONFIDENTIAL] }) },
    });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/f');
    expect(got.headers['content-disposition']).toMatch(/filename="report\.docx"/);
    const labels = await readLabels(new Uint8Array(got.body));
    expect(labels.filter((l) => l.enabled).map((l) => l.id)).toContain(CONFIDENTIAL.id);
  });

  it('blocks a file the protector cannot protect (a PDF for the label protector), by default', async () => {
    const pdf = fixture('text.pdf');
    const env = await startFileProxy(serve(pdf, 'application/pdf', 'text.pdf'), {
      classifier: () => ({ action: 'protect', protect: { with: 'label', label: 'Confidential' } }),
      protectors: { label: labelProtector({ labels: [CONFIDENTIAL] }) },
    });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/f');
    expect(got.headers['content-disposition']).toContain('text.pdf.blocked.txt');
  });

  it('lets the cannot-protect action pass the file when so configured, and blocks when no protector is named', async () => {
    const pdf = fixture('text.pdf');
    const env = await startFileProxy(serve(pdf, 'application/pdf', 'text.pdf'), {
      classifier: () => ({ action: 'protect', protect: { with: 'label', label: 'Confidential' } }),
      protectors: { label: labelProtector({ labels: [CONFIDENTIAL] }) },
      cannotProtect: 'monitor',
    });
    try {
      expect((await fetchVia(env.proxy.port, HOST, '/f')).body.equals(pdf)).toBe(true);
    } finally {
      await env.close();
    }
    const bare = await startFileProxy(serve(pdf, 'application/pdf', 'text.pdf'), { classifier: () => ({ action: 'protect' }) });
    stop = bare.close;
    expect((await fetchVia(bare.proxy.port, HOST, '/f')).headers['content-disposition']).toContain('text.pdf.blocked.txt');
  });
});
