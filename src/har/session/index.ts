/**
 * `src/har/session`: a captured session as the browser would see it through the proxy,
 * one entry at a time, with the run's summary.
 */
export { rewriteEntry } from './rewrite-entry.js';
export { rewritePages } from './pages.js';
export { createLogNormalizer, normalizeEntry, type LogNormalizer, type RepairListener } from './normalize-har.js';
export { rewriteHar, SESSION_SPILL_CHARS, type RewriteHarOptions } from './rewrite-har.js';
export { createSessionRun, type SessionRun, type SessionRunOptions } from './session-run.js';
export { SessionStats } from './session-stats.js';
export { formatBytes, formatSummary, SUMMARY_LIST_LIMIT, type SessionFileDecision, type SessionSummary } from './session-summary.js';
export type { ProblemKind, SessionProblem } from './problems.js';
export { RedirectChains, type RedirectFinding } from './redirect-chains.js';
