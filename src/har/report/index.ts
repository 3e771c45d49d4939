/** `src/har/report`: the audit as JSON for machines and as one self-contained HTML page for people. */
export { auditReportJson, type AuditReport, type AuditReportContext, type ReportFileDecision } from './audit-report.js';
export { auditReportHtml } from './report-html.js';
export { escapeHtml } from './html-text.js';
