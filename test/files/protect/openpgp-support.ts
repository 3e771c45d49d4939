import { decrypt, generateKey, readMessage, readPrivateKey, type KeyOptions } from 'openpgp';
import type { FileFacts } from '../../../src/files/file-facts.js';

/** A recipient's key pair, armored, made in the test (ECDH on Curve25519, the OpenPGP v4 kind GnuPG 2.2 reads: fast). */
export interface KeyPair {
  readonly publicKey: string;
  readonly privateKey: string;
}

export async function keyPair(options: Partial<Omit<KeyOptions, 'format'>> = {}): Promise<KeyPair> {
  const { publicKey, privateKey } = await generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'Recipient', email: 'recipient@example.com' }], ...options, format: 'armored' });
  return { publicKey, privateKey };
}

/** Decrypts a whole binary OpenPGP message with the private key: the plaintext and its embedded file name. */
export async function decryptWith(privateKey: string, message: Uint8Array | string): Promise<{ data: Buffer; filename: string }> {
  const decryptionKeys = await readPrivateKey({ armoredKey: privateKey });
  const read = typeof message === 'string' ? await readMessage({ armoredMessage: message }) : await readMessage({ binaryMessage: message });
  const result = await decrypt({ message: read, decryptionKeys, format: 'binary' });
  return { data: Buffer.from(result.data), filename: result.filename };
}

/** The bytes as a Web stream in chunks of `size` bytes (any chunking must give the same file). */
export function streamOf(bytes: Uint8Array, size = 1000): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

export async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The facts of a whole downloaded file. */
export function downloadFacts(name: string, overrides: Partial<FileFacts> = {}): FileFacts {
  const dot = name.lastIndexOf('.');
  return {
    activity: 'download',
    name,
    extension: dot === -1 ? '' : name.slice(dot + 1).toLowerCase(),
    declaredType: null,
    sniffedType: null,
    size: null,
    partial: false,
    url: `https://app.example.com/files/${encodeURIComponent(name)}`,
    appHost: 'app.example.com',
    ...overrides,
  };
}
