import { rm } from 'node:fs/promises';
import { Readable, Writable, type Duplex } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { HarText } from '../har-types.js';
import { Base64Encoder } from './base64.js';
import { openBody, type BodySource } from './body-source.js';
import { ByteTap, spillPath, spillWriter } from './spill.js';

/** How a new body is written into the HAR: base64 or text, a string or a spilled temp file. */
export interface BodyForm {
  readonly base64: boolean;
  /** Write a temp file (a body too long to hold: its source was spilled). */
  readonly spill: boolean;
  readonly tempDir: string;
}

/** A body written: its HAR text, its decoded length and the digest of its bytes. */
export interface WrittenBody {
  readonly text: HarText;
  readonly bytes: number;
  readonly digest: string;
}

/**
 * Writes the bytes that come out of `stages` (a source, then transforms) as a HAR body of
 * form `form`: text is the UTF-8 reading of the bytes (the HAR holds decoded text).
 */
export async function writeBody(stages: readonly [Readable, ...Duplex[]], form: BodyForm): Promise<WrittenBody> {
  const tap = new ByteTap();
  if (form.spill) {
    const path = spillPath(form.tempDir);
    const out = spillWriter(path);
    const encode = form.base64 ? [new Base64Encoder()] : [];
    try {
      await pipeline([...stages, tap, ...encode, out.stream, out.file as Writable]);
    } catch (err) {
      await rm(path, { force: true });
      throw err;
    }
    return { text: out.finish(), bytes: tap.bytes, digest: tap.digest() };
  }
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  await pipeline([...stages, tap, sink]);
  const bytes = Buffer.concat(chunks);
  return { text: bytes.toString(form.base64 ? 'base64' : 'utf8'), bytes: bytes.length, digest: tap.digest() };
}

/** A body run through a transform: the new text, or the source's own when the bytes did not change. */
export interface TransformedBody {
  readonly text: HarText;
  readonly changed: boolean;
  readonly bytesIn: number;
  readonly bytesOut: number;
}

/**
 * The body of `source` through `transform` (the pipeline's body transform, a request body
 * rewriter), written back in the source's form. When the bytes come out the same, the
 * source's own text is kept (a spilled copy is removed): text that held lone surrogates
 * or base64 with line breaks is not normalized for nothing.
 */
export async function transformBody(source: Exclude<BodySource, { kind: 'none' }>, transform: Duplex, tempDir: string): Promise<TransformedBody> {
  const input = new ByteTap();
  const spill = source.kind === 'spilled';
  const written = await writeBody([openBody(source), input, transform], { base64: source.base64, spill, tempDir });
  const same = input.bytes === written.bytes && input.digest() === written.digest;
  if (same) {
    if (spill && typeof written.text !== 'string') await rm(written.text.path, { force: true });
    return { text: source.text, changed: false, bytesIn: input.bytes, bytesOut: written.bytes };
  }
  return { text: written.text, changed: true, bytesIn: input.bytes, bytesOut: written.bytes };
}
