import busboy from 'busboy';

/** One file part of a multipart/form-data body, as far as it has been read. */
export interface WatchedPart {
  readonly fieldName: string;
  /** The part's file name (busboy decodes `filename*` and the UTF-8 browsers send). */
  readonly fileName: string;
  /** The part's declared Content-Type, or null. */
  readonly declaredType: string | null;
  /** Its bytes so far, kept up to the limit. */
  readonly chunks: Buffer[];
  keptBytes: number;
  /** Bytes seen in all. */
  size: number;
  /** True once the part's last byte was read. */
  complete: boolean;
  /** True once the part was decided: its bytes are let go and no more are kept. */
  released: boolean;
}

/**
 * Watches a multipart/form-data body go by (busboy parses a copy of each chunk; the raw
 * bytes are the caller's to forward unchanged) and notes each file part: its name and
 * type as soon as its headers are read, its bytes up to `keepBytes`. Text fields are not
 * the watcher's business (the pipeline maps them).
 */
export class MultipartWatch {
  readonly parts: WatchedPart[] = [];
  private announced = 0;
  private readonly parser: busboy.Busboy;
  private failure: Error | null = null;
  private readonly closed: Promise<void>;

  constructor(contentType: string, private keepBytes: number) {
    this.parser = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8', limits: { fieldSize: Infinity, fields: Infinity, files: Infinity, parts: Infinity } });
    this.parser.on('file', (fieldName, stream, info) => {
      const part: WatchedPart = { fieldName, fileName: info.filename ?? '', declaredType: info.mimeType || null, chunks: [], keptBytes: 0, size: 0, complete: false, released: false };
      this.parts.push(part);
      stream.on('data', (chunk: Buffer) => {
        part.size += chunk.length;
        if (!part.released && part.keptBytes <= this.keepBytes) {
          part.chunks.push(chunk);
          part.keptBytes += chunk.length;
        }
      });
      stream.on('end', () => {
        part.complete = true;
      });
      // A body cut short fails the part too; the parser's own error reports it.
      stream.on('error', () => undefined);
    });
    this.parser.on('field', () => undefined);
    this.closed = new Promise((resolve) => {
      this.parser.on('close', resolve);
      this.parser.on('error', (err: Error) => {
        this.failure ??= err;
        resolve();
      });
    });
  }

  /** Parses one more chunk; rejects when the body is not valid multipart. */
  async write(chunk: Buffer): Promise<void> {
    if (this.failure !== null) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.parser.write(chunk, (err) => (err ? reject(err) : resolve()));
    });
    if (this.failure !== null) throw this.failure;
  }

  /** Ends the body; resolves when every part is complete, rejects on a malformed body. */
  async end(): Promise<void> {
    if (this.failure === null) this.parser.end();
    await this.closed;
    if (this.failure !== null) throw this.failure;
  }

  /** From now on, keeps at most about `bytes` of each part (a body past the hold: enough to sniff). */
  keepAtMost(bytes: number): void {
    this.keepBytes = bytes;
  }

  /** Lets go of a decided part's bytes; none are kept for it after. */
  release(part: WatchedPart): void {
    part.released = true;
    part.chunks.length = 0;
    part.keptBytes = 0;
  }

  /** File parts announced since the last call. */
  takeAnnounced(): WatchedPart[] {
    const fresh = this.parts.slice(this.announced);
    this.announced = this.parts.length;
    return fresh;
  }
}
