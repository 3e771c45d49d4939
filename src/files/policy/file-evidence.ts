import {
  UnreadableFileError,
  type CannotInspectReason,
  type ClassifiedFile,
  type ExtractedText,
  type FileContent,
  type SensitivityLabel,
} from '../file-facts.js';

/** An answer read from the file, or why it could not be read. */
export type Read<T> = { readonly value: T } | { readonly cannotInspect: CannotInspectReason };

/**
 * What a classification reads from one file's content, each part read at most once and
 * only when a rule asks: the bytes (for a size not known up front), the labels, the text.
 * A file that cannot be read (UnreadableFileError) is an answer (`cannotInspect`), not a
 * failure; any other error propagates, and the file control fails closed on it.
 */
export class FileEvidence {
  #content: Promise<Read<FileContent>> | undefined;
  #labels: Promise<Read<readonly SensitivityLabel[]>> | undefined;
  #text: Promise<ExtractedText> | undefined;

  constructor(private readonly file: ClassifiedFile, private readonly signal: AbortSignal) {}

  content(): Promise<Read<FileContent>> {
    this.#content ??= this.#guard(async () => ({ value: await this.file.content() }));
    return this.#content;
  }

  /** The whole file's size, measured from its bytes when they were read whole. */
  async size(): Promise<Read<number>> {
    const read = await this.content();
    if (!('value' in read)) return read;
    const { bytes, cannotInspect } = read.value;
    if (bytes !== null && !this.file.partial && cannotInspect !== 'partial') return { value: bytes.length };
    return { cannotInspect: cannotInspect ?? (this.file.partial ? 'partial' : 'too-large') };
  }

  /**
   * The file's labels. They sit in the file's metadata, so they can be read from a file
   * too large or too wordy for text inspection, but not from one not read whole, nor
   * from an encrypted or corrupt one.
   */
  labels(): Promise<Read<readonly SensitivityLabel[]>> {
    this.#labels ??= this.#guard(async () => {
      const read = await this.content();
      if (!('value' in read)) return read;
      const { bytes, cannotInspect } = read.value;
      if (cannotInspect !== null && (bytes === null || cannotInspect === 'encrypted' || cannotInspect === 'corrupt')) return { cannotInspect };
      return { value: await read.value.labels() };
    });
    return this.#labels;
  }

  /** The file's text; `cannotInspect` says when it is not all of it (or none). */
  text(): Promise<ExtractedText> {
    this.#text ??= (async () => {
      const read = await this.content();
      if (!('value' in read)) return { text: '', cannotInspect: read.cannotInspect };
      const text = await this.#guard(async () => ({ value: await read.value.text() }));
      return 'value' in text ? text.value : { text: '', cannotInspect: text.cannotInspect };
    })();
    return this.#text;
  }

  /** Runs a read, turning an unreadable file into its reason, and stops when the classifier's time is up. */
  async #guard<T>(read: () => Promise<Read<T>>): Promise<Read<T>> {
    this.signal.throwIfAborted();
    try {
      return await read();
    } catch (err) {
      if (err instanceof UnreadableFileError) return { cannotInspect: err.reason };
      throw err;
    } finally {
      this.signal.throwIfAborted();
    }
  }
}
