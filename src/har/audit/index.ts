/**
 * `src/har/audit`: the escape finder. It checks the rewriters, so it shares none of
 * their code but the host matcher: URL positions are found by full parsers (parse5,
 * postcss, acorn, saxes, a JSON string lexer) and decided by the WHATWG URL parser.
 */
export { auditEntries, auditHar, auditHarFile, escapeCounter, type AuditNote, type AuditResult, type AuditRunOptions, type AuditSummary, type IndexedEntry } from './har-audit.js';
export { EscapeFinder, type AuditOptions, type BodyAudit, type EntryAudit } from './entry-audit.js';
export { ESCAPE_KINDS, positionOf, type Escape, type EscapeKind } from './escape.js';
export { DEFAULT_MAX_BODY_BYTES } from './body-text.js';
export { asciiLower } from './snippet.js';
export type { AuditedKind } from './content-kind.js';
