/**
 * `src/har`: captured sessions. A HAR streamed in and out one entry at a time (`stream`),
 * checked against HAR 1.2 (`schema`), rewritten as the browser would see it through the
 * proxy with file control on its downloads and uploads (`session`), and audited for
 * escapes by parsers of its own (`audit`, `report`).
 */
export {
  isSpilledText,
  type Har,
  type HarBrowser,
  type HarCache,
  type HarCacheState,
  type HarContent,
  type HarCookie,
  type HarCreator,
  type HarEntry,
  type HarExtensible,
  type HarHeader,
  type HarLog,
  type HarNameValue,
  type HarPage,
  type HarPageTimings,
  type HarPostData,
  type HarPostDataParam,
  type HarQueryParam,
  type HarRequest,
  type HarResponse,
  type HarText,
  type HarTimings,
  type SpilledText,
} from './har-types.js';
export * from './stream/index.js';
export { validateHar } from './schema/validate-har.js';
export * from './session/index.js';
export { auditEntries, auditHar, auditHarFile, escapeCounter, EscapeFinder, ESCAPE_KINDS, positionOf, DEFAULT_MAX_BODY_BYTES, type AuditedKind, type AuditNote, type AuditOptions, type AuditResult, type AuditRunOptions, type AuditSummary, type BodyAudit, type EntryAudit, type Escape, type EscapeKind, type IndexedEntry } from './audit/index.js';
export { auditReportHtml, auditReportJson, type AuditReport, type AuditReportContext, type ReportFileDecision } from './report/index.js';
