import { createHash } from 'node:crypto';
import { decrypt, readMessage, readPrivateKey } from 'openpgp';
import { describe, expect, it } from 'vitest';
import { openpgpProtector } from '../../../src/files/protect/index.js';
import { downloadFacts, keyPair } from './openpgp-support.js';

const MiB = 1024 * 1024;
/**
 * Large enough that holding the file would show plainly over V8's garbage: about 50 MiB of
 * RSS growth whatever the size (64, 128, 256 MiB all measured so), while holding the file
 * would add the whole of it. The read-ahead bound is the exact one; RSS is the coarse check.
 */
const INPUT = 256 * MiB;
const CHUNK = 64 * 1024;

/** `total` bytes made as they are read (never held whole), with a running count of what was handed out. */
function lazyFile(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number; digest: () => string } {
  let pulled = 0;
  const hash = createHash('sha256');
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) {
          controller.close();
          return;
        }
        const chunk = new Uint8Array(Math.min(CHUNK, total - pulled));
        // Not all zeros: a byte pattern that changes with the position.
        for (let i = 0; i < chunk.length; i += 4096) chunk[i] = ((pulled + i) / 4096) & 0xff;
        hash.update(chunk);
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 1 },
  );
  return { stream, pulled: () => pulled, digest: () => hash.copy().digest('hex') };
}

describe('openpgpProtector: memory stays bounded whatever the size', () => {
  it(`encrypts ${INPUT / MiB} MiB made lazily, reading at most a few MiB ahead of its output, RSS growing well under the input size; the private key opens it`, async () => {
    const { publicKey, privateKey } = await keyPair();
    const protector = await openpgpProtector({ encryptionKeys: [publicKey] });
    const decryptionKeys = await readPrivateKey({ armoredKey: privateKey });
    const file = lazyFile(INPUT);
    const baseline = process.memoryUsage.rss();
    const out = await protector.protect(downloadFacts('big.bin'), file.stream, { with: 'openpgp' });
    let written = 0;
    let readAhead = 0;
    const counted = out.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          written += chunk.length;
          // What openpgp has taken from the body but not yet given out: what it holds.
          readAhead = Math.max(readAhead, file.pulled() - written);
          controller.enqueue(chunk);
        },
      }),
    );
    // Decrypted as it streams too; openpgp would otherwise hold the whole plaintext until the
    // integrity check at the end (allowUnauthenticatedStream matters to this reader only).
    const message = await readMessage({ binaryMessage: counted });
    const { data } = await decrypt({ message, decryptionKeys, format: 'binary', config: { allowUnauthenticatedStream: true } });
    const plain = createHash('sha256');
    let plainBytes = 0;
    let peakRss = baseline;
    for await (const chunk of data) {
      plain.update(chunk);
      plainBytes += chunk.length;
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }
    expect(file.pulled()).toBe(INPUT);
    expect(plainBytes).toBe(INPUT);
    expect(plain.digest('hex')).toBe(file.digest());
    expect(written).toBeGreaterThan(INPUT); // the whole file and the OpenPGP framing
    expect(readAhead).toBeLessThan(4 * MiB);
    expect(peakRss - baseline).toBeLessThan((INPUT * 3) / 8);
  });
});
