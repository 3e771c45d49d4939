import type { ActivityAuditEvent } from './activity-event.js';
import type { FileAuditEvent } from './event.js';

/** Every kind of audit event; `type` tells them apart (`file-decision`, `activity-decision`). */
export type AuditEvent = FileAuditEvent | ActivityAuditEvent;

/**
 * Receives every audit event: file decisions from the file control, session activities
 * from the proxy. Must not throw (it is called on the way of the response).
 */
export type AuditSink = (event: AuditEvent) => void;
