import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import contentDisposition from 'content-disposition';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonLinesAudit, type FileAuditEvent } from '../../../src/files/index.js';
import { fetchVia } from '../../pipeline/exchange-support.js';
import { DOCX, fixture, recordingClassifier, startFileProxy } from './support.js';
import { tempDir } from '../../helpers/temp-dirs.js';

const HOST = 'files.acme-docs.com.proxy.test';
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

const attachmentRoute = (bytes: Buffer, type: string, name: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
  res.writeHead(200, { 'content-type': type, 'content-disposition': `attachment; filename="${name}"`, 'content-length': String(bytes.length) }).end(bytes);

describe('downloads through the pipeline', () => {
  it('allows an attachment byte for byte, and the classifier sees its facts', async () => {
    const docx = fixture('report.docx');
    const classify = recordingClassifier(() => ({ action: 'allow' }));
    const env = await startFileProxy({ '* /r': attachmentRoute(docx, DOCX, 'Q3 report.docx') }, { classifier: classify });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/r', { headers: { 'sec-fetch-dest': 'document' } });
    expect(got.status).toBe(200);
    expect(got.body.equals(docx)).toBe(true);
    expect(classify.calls).toHaveLength(1);
    const { file, ctx } = classify.calls[0];
    expect(file).toMatchObject({ activity: 'download', name: 'Q3 report.docx', extension: 'docx', declaredType: DOCX, sniffedType: DOCX, size: docx.length, partial: false, appHost: 'files.acme-docs.com', url: 'http://files.acme-docs.com/r' });
    expect(ctx.response?.status).toBe(200);
    expect(ctx.request.headers['sec-fetch-dest']).toBe('document');
  });

  it('replaces a blocked file with <name>.blocked.txt holding the message, and sends none of the file', async () => {
    const docx = fixture('report.docx');
    const env = await startFileProxy({ '* /r': attachmentRoute(docx, DOCX, 'report.docx') }, { classifier: () => ({ action: 'block', rule: 'no office', message: 'Office files stay in the office.' }) });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/r');
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(contentDisposition.parse(got.headers['content-disposition'] as string)).toEqual({ type: 'attachment', parameters: { filename: 'report.docx.blocked.txt' } });
    const text = got.body.toString('utf8');
    expect(text).toContain('Office files stay in the office.');
    expect(text.toLowerCase()).toContain('download restricted');
    expect(got.body.includes(docx.subarray(0, 64))).toBe(false);
    expect(Number(got.headers['content-length'])).toBe(got.body.length);
  });

  it('classifies a governed file fetched by script with no attachment header (sniffed from its bytes)', async () => {
    const pdf = fixture('text.pdf');
    const classify = recordingClassifier(() => ({ action: 'block' }));
    const env = await startFileProxy({ '* /api/blob': (_q, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(pdf) }, { classifier: classify });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/api/blob', { headers: { 'sec-fetch-dest': 'empty' } });
    expect(classify.calls).toHaveLength(1);
    expect(classify.calls[0].file).toMatchObject({ sniffedType: 'application/pdf', name: 'blob', size: null });
    expect(got.body.toString('utf8').toLowerCase()).toContain('download restricted');
  });

  it('leaves pages alone: a page is rewritten and the classifier is never asked', async () => {
    const classify = recordingClassifier(() => ({ action: 'block' }));
    const env = await startFileProxy({ '* /': (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<a href="https://files.acme-docs.com/x">x</a>') }, { classifier: classify });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/', { headers: { 'sec-fetch-dest': 'document' } });
    expect(got.body.toString()).toBe('<a href="http://files.acme-docs.com.proxy.test/x">x</a>');
    expect(classify.calls).toHaveLength(0);
  });

  it('classifies a navigation to a type the browser does not render even when the bytes are no known format', async () => {
    const classify = recordingClassifier(() => ({ action: 'monitor' }));
    const bytes = Buffer.from('opaque bytes of some app format\n');
    const env = await startFileProxy({ '* /export.dat': (_q, res) => res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(bytes) }, { classifier: classify });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/export.dat', { headers: { 'sec-fetch-dest': 'document' } });
    expect(got.body.equals(bytes)).toBe(true);
    expect(classify.calls.map((c) => c.file.name)).toEqual(['export.dat']);
  });

  it('lets the classifier read the content: text of a real docx, with the governed limits', async () => {
    const docx = fixture('report.docx');
    const classify = recordingClassifier(async (file) => {
      const content = await file.content();
      const { text, cannotInspect } = await content.text();
      return /\b\d{3}-\d{2}-\d{4}\b/.test(text) && cannotInspect === null ? { action: 'block', rule: 'ssn' } : { action: 'allow' };
    });
    const env = await startFileProxy({ '* /r': attachmentRoute(docx, DOCX, 'report.docx') }, { classifier: classify });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/r');
    expect(got.headers['content-disposition']).toContain('report.docx.blocked.txt');
  });

  it('does not read a file past the governed limit: content cannot be inspected, and the bytes still pass whole', async () => {
    const big = Buffer.concat([fixture('text.pdf'), Buffer.alloc(3 * 1024 * 1024, 0x20)]);
    let seen: unknown = null;
    const env = await startFileProxy({ '* /big.pdf': attachmentRoute(big, 'application/pdf', 'big.pdf') }, {
      classifier: async (file) => {
        const content = await file.content();
        seen = { bytes: content.bytes, cannotInspect: content.cannotInspect, text: await content.text() };
        return { action: 'allow' };
      },
      limits: { governedBytes: 1024 * 1024 },
    });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/big.pdf');
    expect(seen).toEqual({ bytes: null, cannotInspect: 'too-large', text: { text: '', cannotInspect: 'too-large' } });
    expect(got.body.equals(big)).toBe(true);
  });

  it('classifies a 206 part by the same rules (name, type, whole size from Content-Range) and blocks it: no part leaks', async () => {
    const docx = fixture('report.docx');
    const part = docx.subarray(0, 1000);
    const classify = recordingClassifier(async (file) => {
      const content = await file.content();
      return content.cannotInspect === 'partial' ? { action: 'block', reason: 'cannot inspect a part' } : { action: 'allow' };
    });
    const env = await startFileProxy({
      '* /r': (_q, res) => res.writeHead(206, { 'content-type': DOCX, 'content-disposition': 'attachment; filename=report.docx', 'content-range': `bytes 0-999/${docx.length}`, 'content-length': '1000' }).end(part),
    }, { classifier: classify });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/r', { headers: { range: 'bytes=0-999' } });
    expect(classify.calls[0].file).toMatchObject({ partial: true, size: docx.length, name: 'report.docx' });
    expect(got.status).toBe(200);
    expect(got.headers['content-range']).toBeUndefined();
    expect(got.body.includes(part.subarray(0, 32))).toBe(false);
  });

  it('fails closed when the classifier throws or takes too long, unless told otherwise', async () => {
    const docx = fixture('report.docx');
    const routes = { '* /r': attachmentRoute(docx, DOCX, 'report.docx') };
    for (const [classifier, expectBlocked, extra] of [
      [() => { throw new Error('policy service down'); }, true, {}],
      [() => new Promise<never>(() => undefined), true, { timeoutMs: 50 }],
      [() => ({ action: 'nonsense' }), true, {}],
      [() => { throw new Error('down'); }, false, { onClassifierError: 'allow' as const }],
    ] as const) {
      const env = await startFileProxy(routes, { classifier: classifier as never, ...extra });
      try {
        const got = await fetchVia(env.proxy.port, HOST, '/r');
        expect(got.body.equals(docx)).toBe(!expectBlocked);
        if (expectBlocked) expect(got.headers['content-disposition']).toContain('report.docx.blocked.txt');
      } finally {
        await env.close();
      }
    }
  });

  it('decodes a gzip-coded attachment to classify it, and delivers the file decoded', async () => {
    const docx = fixture('report.docx');
    const classify = recordingClassifier(() => ({ action: 'allow' }));
    const env = await startFileProxy({ '* /r': (_q, res) => res.writeHead(200, { 'content-type': DOCX, 'content-encoding': 'gzip', 'content-disposition': 'attachment; filename="r.docx"' }).end(gzipSync(docx)) }, { classifier: classify });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/r');
    expect(classify.calls[0].file.sniffedType).toBe(DOCX);
    expect(got.body.equals(docx)).toBe(true);
  });

  it('writes an audit event for every decision, as JSON lines a shipper can read back', async () => {
    const dir = tempDir('spr-audit-');
    const path = join(dir, 'audit.jsonl');
    const audit = jsonLinesAudit(path);
    const docx = fixture('report.docx');
    const env = await startFileProxy({ '* /a': attachmentRoute(docx, DOCX, 'a.docx'), '* /b': attachmentRoute(docx, DOCX, 'b.docx') }, {
      classifier: (file) => (file.name === 'a.docx' ? { action: 'monitor', rule: 'watch' } : { action: 'block', rule: 'stop', reason: 'rule "stop"' }),
      session: () => ({ user: 'ana@example.com', device: 'unmanaged', ip: '203.0.113.7', location: ['home'] }),
      audit,
      now: () => new Date('2026-12-01T10:00:00Z'),
    });
    stop = env.close;
    await fetchVia(env.proxy.port, HOST, '/a');
    await fetchVia(env.proxy.port, HOST, '/b');
    await audit.close();
    const events = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as FileAuditEvent);
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ type: 'file-decision', time: '2026-12-01T10:00:00.000Z', user: 'ana@example.com', device: 'unmanaged', ip: '203.0.113.7', location: ['home'], appHost: 'files.acme-docs.com', activity: 'download', fileName: 'a.docx', size: docx.length, declaredType: DOCX, sniffedType: DOCX, rule: 'watch', action: 'monitor', deliveredName: null });
    expect(events[1]).toMatchObject({ fileName: 'b.docx', action: 'block', rule: 'stop', deliveredName: 'b.docx.blocked.txt' });
  });
});
