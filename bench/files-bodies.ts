// Generated bodies for bench/files.bench.ts: a PDF-like file of any size made as it is
// read (the first KiB of test/fixtures/files/text.pdf, so the bytes are sniffed as a PDF,
// then incompressible filler), and multipart/form-data uploads of such files. Nothing is
// ever held whole: a 1 GiB body is 64 KiB views of one 1 MiB block.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

/** The start of a real PDF: `%PDF-1.6`, its first object and the start of a Flate stream. */
export const PDF_HEAD = readFileSync(new URL('../test/fixtures/files/text.pdf', import.meta.url)).subarray(0, 1024);

/** 1 MiB of xorshift bytes: what a PDF's compressed streams look like to a compressor (nothing to gain). */
const FILLER = (() => {
  const block = Buffer.alloc(MiB);
  let x = 0x2545f491;
  for (let i = 0; i < block.length; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    block.writeInt32LE(x | 0, i);
  }
  return block;
})();

/** A PDF-like file of exactly `size` bytes (size ≥ PDF_HEAD.length), in 64 KiB chunks. */
export function* pdfLikeFile(size: number): Generator<Buffer> {
  yield PDF_HEAD;
  let left = size - PDF_HEAD.length;
  let at = 0;
  while (left > 0) {
    const n = Math.min(CHUNK, left, FILLER.length - at);
    yield FILLER.subarray(at, at + n);
    at = (at + n) % FILLER.length;
    left -= n;
  }
}

/** The SHA-256 (hex) of a body made by a generator: the expected digest, never held whole. */
export function sha256Of(chunks: Iterable<Buffer>): string {
  const hash = createHash('sha256');
  for (const c of chunks) hash.update(c);
  return hash.digest('hex');
}

/** A multipart/form-data body (RFC 7578) with one text field, then `files` PDF-like file parts. */
export interface MultipartUpload {
  readonly contentType: string;
  readonly length: number;
  chunks(): Generator<Buffer>;
}

export function multipartUpload(files: number, fileSize: number): MultipartUpload {
  const boundary = '----spr-bench-7d3f0a9c1e';
  const field = Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="title"\r\n\r\nQuarterly report\r\n`);
  const partHead = (i: number) => Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file${i}"; filename="report-${i}.pdf"\r\ncontent-type: application/pdf\r\n\r\n`);
  const crlf = Buffer.from('\r\n');
  const close = Buffer.from(`--${boundary}--\r\n`);
  let length = field.length + close.length;
  for (let i = 0; i < files; i++) length += partHead(i).length + fileSize + crlf.length;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    *chunks() {
      yield field;
      for (let i = 0; i < files; i++) {
        yield partHead(i);
        yield* pdfLikeFile(fileSize);
        yield crlf;
      }
      yield close;
    },
  };
}
