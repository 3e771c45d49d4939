/**
 * `src/files`: file control. Downloads and uploads are detected (`detect`), classified by
 * a hook or the built-in policy (`policy`) that can read labels (`labels`) and text
 * (`inspect`), and the decision is carried out (`protect`, `control`) and written to the
 * audit log (`audit`). `createFileControl` is the pipeline's gate.
 */
export type {
  Action,
  Activity,
  CannotInspectReason,
  ClassifiedFile,
  Classifier,
  ClassifyContext,
  Decision,
  ExtractedText,
  FileContent,
  FileExchangeHead,
  FileFacts,
  FileLimits,
  ProtectSpec,
  SensitivityLabel,
  SessionActivity,
  SessionContext,
} from './file-facts.js';
export { ACTIONS_BY_STRICTNESS, DEFAULT_FILE_LIMITS, SESSION_ACTIVITIES, UnreadableFileError } from './file-facts.js';
export { CannotProtectError, type LabelDefinition, type ProtectedFile, type Protector } from './protector.js';
export { createFileControl, type Delivery, type DownloadResponse, type FileAuditSink, type FileControl, type FileControlOptions, type FileOutcome, type StandaloneFile, type UploadRequest, type UploadVerdict } from './control/index.js';
export {
  activityControls,
  activityDecision,
  checkPolicy,
  loadPolicy,
  parsePolicyText,
  policyClassifier,
  PolicyError,
  type ActivityControl,
  type ActivityDecision,
  type CannotInspectSetting,
  type CannotProtectAction,
  type Decide,
  type LabelReferenceDocument,
  type MatchDocument,
  type Policy,
  type PolicyDefaultDocument,
  type PolicyDocument,
  type PolicyRuleDocument,
  type ProtectSpecDocument,
} from './policy/index.js';
export { labelProtector, readLabels, stampLabel, type LabelProtectorOptions, type StampOptions } from './labels/index.js';
export { openpgpProtector, OpenPgpKeyError, uploadRefusal, blockedDownload, type BlockedDownload, type OpenPgpProtectorOptions, type UploadRefusal } from './protect/index.js';
export { extractText, type FormatClues } from './inspect/index.js';
export { classifyDownload, fileNameOf, sniffFileType, isGovernedType, isRenderedType, SNIFF_BYTES, type DownloadClassification, type DownloadInput, type DownloadReason, type HeaderFields, type SniffedType } from './detect/index.js';
export {
  activityAuditEvent,
  auditEventOf,
  jsonLinesAudit,
  type ActivityAttempt,
  type ActivityAuditEvent,
  type ActivityOutcome,
  type AuditEvent,
  type AuditOutcome,
  type AuditSink,
  type ClosableAuditSink,
  type FileAuditEvent,
  type JsonLinesAuditOptions,
  type SessionFields,
} from './audit/index.js';
