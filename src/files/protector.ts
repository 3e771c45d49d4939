import type { FileFacts, ProtectSpec } from './file-facts.js';

/** A protected file as the user receives it. */
export interface ProtectedFile {
  /** The new file name, e.g. `report.docx.pgp`, or the same name for a labelled file. */
  readonly name: string;
  /** The new MIME type. */
  readonly contentType: string;
  readonly body: ReadableStream<Uint8Array>;
}

/**
 * Turns a file into one that only users who hold the permission can open (an encrypted
 * file, a labelled document). The body streams in; a protector that needs the whole file
 * reads it within the governed limit.
 */
export interface Protector {
  /** Throws {@link CannotProtectError} for a file it cannot protect (the cannot-protect action applies). */
  protect(file: FileFacts, body: ReadableStream<Uint8Array>, spec: ProtectSpec): Promise<ProtectedFile>;
}

/** This protector cannot protect this file (wrong type, too large, already protected otherwise). */
export class CannotProtectError extends Error {
  override readonly name = 'CannotProtectError';
}

/** A sensitivity label a policy knows by name (files carry GUIDs only in LabelInfo.xml). */
export interface LabelDefinition {
  readonly name: string;
  /** The label GUID. */
  readonly id: string;
  /** The tenant GUID (LabelInfo.xml requires one; a zero GUID when not given). */
  readonly siteId?: string;
}
