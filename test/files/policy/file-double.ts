import type {
  CannotInspectReason,
  ClassifiedFile,
  ClassifyContext,
  ExtractedText,
  FileContent,
  FileFacts,
  SensitivityLabel,
  SessionContext,
} from '../../../src/files/file-facts.js';
import { UnreadableFileError } from '../../../src/files/file-facts.js';

/**
 * The policy classifier is a pure function of a file's facts, its session and what
 * content() gives; these doubles are those plain data, with counters that show what the
 * classifier read.
 */
export interface ContentDouble {
  bytes?: Uint8Array | null;
  cannotInspect?: CannotInspectReason | null;
  labels?: readonly SensitivityLabel[] | UnreadableFileError;
  text?: string | ExtractedText | UnreadableFileError;
}

export interface FileDouble extends ClassifiedFile {
  readonly reads: { content: number; labels: number; text: number };
}

export function fileDouble(facts: Partial<FileFacts> = {}, content: ContentDouble = {}): FileDouble {
  const reads = { content: 0, labels: 0, text: 0 };
  const name = facts.name ?? 'report.docx';
  const body: FileContent = {
    bytes: content.bytes === undefined ? new Uint8Array(100) : content.bytes,
    cannotInspect: content.cannotInspect ?? null,
    labels: async () => {
      reads.labels++;
      if (content.labels instanceof UnreadableFileError) throw content.labels;
      return content.labels ?? [];
    },
    text: async () => {
      reads.text++;
      if (content.text instanceof UnreadableFileError) throw content.text;
      return typeof content.text === 'object' ? content.text : { text: content.text ?? '', cannotInspect: null };
    },
  };
  return {
    activity: 'download',
    name,
    extension: name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '',
    declaredType: null,
    sniffedType: null,
    size: 100,
    partial: false,
    url: `https://app.example.com/files/${name}`,
    appHost: 'app.example.com',
    ...facts,
    reads,
    content: async () => {
      reads.content++;
      return body;
    },
  };
}

export function contextFor(session: SessionContext = {}, signal: AbortSignal = new AbortController().signal): ClassifyContext {
  return {
    session,
    request: { method: 'GET', url: 'https://app.example.com/files/x', headers: {} },
    response: { status: 200, headers: {} },
    signal,
  };
}

export function label(id: string, extra: Partial<SensitivityLabel> = {}): SensitivityLabel {
  return { id, enabled: true, source: 'labelinfo', ...extra };
}
