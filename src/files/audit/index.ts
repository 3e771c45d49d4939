/** Audit events (file decisions, session activities), and a JSON-lines sink for them. */
export type { FileAuditEvent } from './event.js';
export { auditEventOf, type AuditOutcome } from './audit-event-of.js';
export { activityAuditEvent, type ActivityAttempt, type ActivityAuditEvent, type ActivityOutcome } from './activity-event.js';
export type { AuditEvent, AuditSink } from './sink.js';
export type { SessionFields } from './session-fields.js';
export { jsonLinesAudit, type ClosableAuditSink, type JsonLinesAuditOptions } from './json-lines-sink.js';
export { jsonLine } from './json-line.js';
