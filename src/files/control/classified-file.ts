import { UnreadableFileError, type CannotInspectReason, type ClassifiedFile, type ExtractedText, type FileContent, type FileFacts, type FileLimits, type SensitivityLabel } from '../file-facts.js';
import { extractText } from '../inspect/index.js';
import { readLabels } from '../labels/index.js';
import type { BodyReader } from './body-reader.js';

/** A file under classification, and what was read of it (for the audit event). */
export interface FileUnderReview {
  readonly file: ClassifiedFile;
  /** The labels, when the classifier had the file read; [] otherwise. */
  labelsRead(): readonly SensitivityLabel[];
}

/**
 * The file the classifier sees: its facts, and its content read on the first `content()`
 * call, from the body held back by `reader`, up to the governed limit (so memory stays
 * bounded for any size: a larger file is never read whole, it cannot be inspected).
 * `unreadableAs`: the content is known to be out of reach (an upload part that streams on).
 */
export function fileUnderReview(facts: FileFacts, reader: BodyReader, limits: FileLimits, unreadableAs: CannotInspectReason | null = null): FileUnderReview {
  let content: Promise<FileContent> | null = null;
  let labels: readonly SensitivityLabel[] = [];
  const read = async (): Promise<FileContent> => {
    if (unreadableAs !== null) return unreadable(unreadableAs);
    if (facts.partial) return unreadable('partial');
    if (facts.size !== null && facts.size > limits.governedBytes) return unreadable('too-large');
    const ended = await reader.readTo(limits.governedBytes + 1);
    if (!ended || reader.bytesRead > limits.governedBytes) return unreadable('too-large');
    const bytes = new Uint8Array(reader.bytes());
    try {
      labels = await readLabels(bytes);
    } catch (err) {
      if (!(err instanceof UnreadableFileError)) throw err;
      return unreadable(err.reason, bytes);
    }
    let text: Promise<ExtractedText> | null = null;
    return {
      bytes,
      cannotInspect: null,
      labels: async () => labels,
      text: () => (text ??= bytes.length > limits.inspectBytes ? Promise.resolve({ text: '', cannotInspect: 'too-large' }) : extractText(bytes, facts, limits)),
    };
  };
  return {
    file: { ...facts, content: () => (content ??= read()) },
    labelsRead: () => labels,
  };
}

function unreadable(reason: FileContent['cannotInspect'] & string, bytes: Uint8Array | null = null): FileContent {
  return {
    bytes,
    cannotInspect: reason,
    labels: async () => [],
    text: async () => ({ text: '', cannotInspect: reason }),
  };
}
