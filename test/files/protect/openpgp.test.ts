import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CannotProtectError } from '../../../src/files/protector.js';
import { OpenPgpKeyError, openpgpProtector } from '../../../src/files/protect/index.js';
import { bytesOf, decryptWith, downloadFacts, keyPair, streamOf, type KeyPair } from './openpgp-support.js';

const report = readFileSync(new URL('../../fixtures/files/report.docx', import.meta.url));
const spec = { with: 'openpgp' };

let alice: KeyPair;
let bob: KeyPair;
let carol: KeyPair;
beforeAll(async () => {
  alice = await keyPair();
  // RFC 9580's X25519 key (algorithm 25), not the legacy ECDH encoding.
  bob = await keyPair({ type: 'curve25519' });
  carol = await keyPair();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('openpgpProtector: encrypting a download', () => {
  it('encrypts report.docx so that the private key gives back the exact bytes, named <name>.pgp', async () => {
    const protector = await openpgpProtector({ encryptionKeys: [alice.publicKey] });
    const out = await protector.protect(downloadFacts('report.docx'), streamOf(report), spec);
    expect(out.name).toBe('report.docx.pgp');
    expect(out.contentType).toBe('application/pgp-encrypted');
    const encrypted = await bytesOf(out.body);
    // An OpenPGP message, not the file: no zip signature anywhere near the start.
    expect(encrypted.subarray(0, 4).toString('latin1')).not.toBe('PK\u0003\u0004');
    expect(encrypted.includes(report.subarray(0, 64))).toBe(false);
    const { data, filename } = await decryptWith(alice.privateKey, encrypted);
    expect(data.equals(report)).toBe(true);
    expect(filename).toBe('report.docx');
  });

  it('gives the same plaintext whatever the chunking of the body (one byte, one chunk)', async () => {
    const protector = await openpgpProtector({ encryptionKeys: [alice.publicKey] });
    for (const size of [1, 4096, report.length]) {
      const out = await protector.protect(downloadFacts('report.docx'), streamOf(report, size), spec);
      expect((await decryptWith(alice.privateKey, await bytesOf(out.body))).data.equals(report)).toBe(true);
    }
  });

  it('encrypts to every recipient: each private key alone opens the file, a third party cannot', async () => {
    const protector = await openpgpProtector({ encryptionKeys: [alice.publicKey, bob.publicKey] });
    const encrypted = await bytesOf((await protector.protect(downloadFacts('report.docx'), streamOf(report), spec)).body);
    expect((await decryptWith(alice.privateKey, encrypted)).data.equals(report)).toBe(true);
    expect((await decryptWith(bob.privateKey, encrypted)).data.equals(report)).toBe(true);
    await expect(decryptWith(carol.privateKey, encrypted)).rejects.toThrow(/decrypt|key/i);
  });

  it('with armor, writes an ASCII-armored message named <name>.asc', async () => {
    const protector = await openpgpProtector({ encryptionKeys: [alice.publicKey], armor: true });
    const out = await protector.protect(downloadFacts('report.docx'), streamOf(report), spec);
    expect(out.name).toBe('report.docx.asc');
    expect(out.contentType).toBe('application/pgp-encrypted');
    const text = (await bytesOf(out.body)).toString('utf8');
    // RFC 9580 §6.2: the armor header line, base64 lines, the tail line.
    expect(text.startsWith('-----BEGIN PGP MESSAGE-----\n')).toBe(true);
    expect(text.trimEnd().endsWith('-----END PGP MESSAGE-----')).toBe(true);
    expect(/^[\x20-\x7e\n]*$/.test(text)).toBe(true);
    expect((await decryptWith(alice.privateKey, text)).data.equals(report)).toBe(true);
  });

  it('encrypts an empty file (a zero-byte download is still a file)', async () => {
    const protector = await openpgpProtector({ encryptionKeys: [alice.publicKey] });
    const out = await protector.protect(downloadFacts('empty.txt'), streamOf(new Uint8Array(0)), spec);
    expect((await decryptWith(alice.privateKey, await bytesOf(out.body))).data.length).toBe(0);
  });

  it('records a long non-ASCII name cut to 255 bytes of whole characters inside the message, and keeps it whole outside', async () => {
    const name = `${'é'.repeat(200)}.docx`; // 405 bytes of UTF-8
    const protector = await openpgpProtector({ encryptionKeys: [alice.publicKey] });
    const out = await protector.protect(downloadFacts(name), streamOf(report), spec);
    expect(out.name).toBe(`${name}.pgp`);
    const { data, filename } = await decryptWith(alice.privateKey, await bytesOf(out.body));
    expect(data.equals(report)).toBe(true);
    expect(filename).toBe('é'.repeat(127)); // 254 bytes: a 128th é would make 256
  });

  it('refuses a partial (206) response with CannotProtectError: encrypted parts cannot be joined into the file', async () => {
    const protector = await openpgpProtector({ encryptionKeys: [alice.publicKey] });
    const body = streamOf(report);
    await expect(protector.protect(downloadFacts('report.docx', { partial: true }), body, spec)).rejects.toBeInstanceOf(CannotProtectError);
    expect(body.locked).toBe(false);
  });

  it('throws CannotProtectError when a recipient key has expired since the protector was made', async () => {
    const expiring = await keyPair({ keyExpirationTime: 3600 });
    const protector = await openpgpProtector({ encryptionKeys: [expiring.publicKey] });
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 2 * 3600 * 1000);
    const body = streamOf(report);
    const error = await protector.protect(downloadFacts('report.docx'), body, spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CannotProtectError);
    expect((error as Error).message).toMatch(/report\.docx.*expired/i);
    // Nothing was read: the file control can still deliver or discard the body (the cannot-protect action).
    expect(body.locked).toBe(false);
    expect((await bytesOf(body)).equals(report)).toBe(true);
  });

  it('passes an upstream error on to the reader of the encrypted stream (never a truncated file that looks whole)', async () => {
    const protector = await openpgpProtector({ encryptionKeys: [alice.publicKey] });
    let sent = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 3) controller.error(new Error('upstream reset'));
        else controller.enqueue(report.subarray(sent * 1000, ++sent * 1000));
      },
    });
    const out = await protector.protect(downloadFacts('report.docx'), failing, spec);
    await expect(bytesOf(out.body)).rejects.toThrow('upstream reset');
  });

  it('cancels the upstream body when the user stops reading the encrypted file', async () => {
    const protector = await openpgpProtector({ encryptionKeys: [alice.publicKey] });
    let cancelled: unknown = null;
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.enqueue(new Uint8Array(16 * 1024)),
      cancel: (reason) => {
        cancelled = reason;
      },
    });
    const out = await protector.protect(downloadFacts('big.bin'), endless, spec);
    const reader = out.body.getReader();
    await reader.read();
    await reader.cancel(new Error('client gone'));
    await vi.waitFor(() => expect(cancelled).toBeInstanceOf(Error));
  });
});

describe('openpgpProtector: keys, checked when it is made', () => {
  const rejects = async (keys: readonly string[], index: number, pattern: RegExp) => {
    const error = await openpgpProtector({ encryptionKeys: keys }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenPgpKeyError);
    expect((error as OpenPgpKeyError).index).toBe(index);
    expect((error as Error).message).toMatch(pattern);
  };

  it('rejects text that is not an armored key, naming which key', async () => {
    await rejects([alice.publicKey, 'not a key'], 1, /encryption key 2 of 2 is not an armored OpenPGP public key/);
  });

  it('rejects a damaged armored key', async () => {
    const lines = alice.publicKey.split('\n');
    const damaged = lines.map((l, i) => (i === 3 ? 'A'.repeat(l.length) : l)).join('\n');
    await rejects([damaged], 0, /encryption key 1 of 1 is not an armored OpenPGP public key/);
  });

  it('rejects a private key, rather than keep a secret in the configuration', async () => {
    await rejects([alice.privateKey], 0, /is a private key; give its public key/);
  });

  it('rejects a key without an encryption subkey (signing only)', async () => {
    const signingOnly = await keyPair({ subkeys: [] });
    await rejects([signingOnly.publicKey], 0, /cannot be encrypted to/);
  });

  it('rejects an expired key', async () => {
    const expired = await keyPair({ date: new Date(Date.now() - 10_000), keyExpirationTime: 1 });
    await rejects([expired.publicKey], 0, /cannot be encrypted to: .*expired/i);
  });

  it('rejects an empty list of recipients', async () => {
    await rejects([], -1, /no encryption key/);
  });
});

const gpg = spawnSync('gpg', ['--version']).status === 0;

describe.skipIf(!gpg)('openpgpProtector: GnuPG reads what it writes (when gpg is installed)', () => {
  it('gpg --decrypt gives back report.docx, binary and armored', async () => {
    const home = mkdtempSync(join(tmpdir(), 'spr-gpg-'));
    try {
      const keyFile = join(home, 'secret.asc');
      writeFileSync(keyFile, alice.privateKey);
      const run = (...args: string[]) => spawnSync('gpg', ['--homedir', home, '--batch', '--yes', '--quiet', ...args], { maxBuffer: 1 << 24 });
      expect(run('--import', keyFile).status).toBe(0);
      for (const armor of [false, true]) {
        const protector = await openpgpProtector({ encryptionKeys: [alice.publicKey], armor });
        const out = await protector.protect(downloadFacts('report.docx'), streamOf(report), spec);
        const file = join(home, out.name);
        writeFileSync(file, await bytesOf(out.body));
        const decrypted = run('--decrypt', file);
        expect(decrypted.stderr.toString()).not.toMatch(/WARNING|error/i);
        expect(decrypted.status).toBe(0);
        expect(decrypted.stdout.equals(report)).toBe(true);
      }
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
