import type { FileAuditEvent } from './event.js';

/** Receives every file decision. Must not throw (the file control calls it on the way of the response). */
export type AuditSink = (event: FileAuditEvent) => void;
