import type { Action, FileLimits, ProtectSpec } from '../file-facts.js';

/**
 * The policy file as JSON (README "The policy file"). Only `rules` is required; what is
 * left out takes the defaults named on each field.
 */
export interface PolicyDocument {
  /** What happens when no rule matches. Default `allow`. */
  default?: Action | PolicyDefaultDocument;
  /** `first`: the first matching rule decides (default); `strictest`: block > protect > monitor > allow over every matching rule. */
  decide?: Decide;
  /** Names for label GUIDs (files written by Office carry only GUIDs in LabelInfo.xml). */
  labels?: Record<string, string | LabelReferenceDocument>;
  /** Overrides of the file limits (DEFAULT_FILE_LIMITS); positive integers. */
  limits?: { -readonly [K in keyof FileLimits]?: number };
  /** When a rule needs the content and it cannot be read: `rule` (default) applies the rule's action without inspection; an action replaces it. */
  cannotInspect?: CannotInspectSetting;
  /** When the protector cannot protect the file. Default `block`. */
  cannotProtect?: CannotProtectAction;
  /** The protector for `protect` rules that do not name their own. */
  protect?: ProtectSpecDocument;
  rules: PolicyRuleDocument[];
}

export type Decide = 'first' | 'strictest';
export type CannotInspectSetting = 'rule' | Action;
export type CannotProtectAction = 'allow' | 'monitor' | 'block';

export interface PolicyDefaultDocument {
  action: Action;
  message?: string;
  protect?: ProtectSpecDocument;
}

export interface LabelReferenceDocument {
  id: string;
  siteId?: string;
}

export type ProtectSpecDocument = { -readonly [K in keyof ProtectSpec]: ProtectSpec[K] };

export interface PolicyRuleDocument {
  /** Unique within the policy; audit events name it. */
  name: string;
  /** Every listed dimension must match; `{}` matches every file (session activities only reach rules that list `activity`). */
  match: MatchDocument;
  action: Action;
  /** Shown to the user when the file, or the session activity (copy, cut, paste, print), is blocked. */
  message?: string;
  protect?: ProtectSpecDocument;
}

/**
 * The dimensions of a rule. Each list matches when it has no positive value or one of
 * them matches, and none of its `!`-negated values matches.
 */
export interface MatchDocument {
  /**
   * `download`, `upload` (files) or `copy`, `cut`, `paste`, `print` (session activities,
   * controlled in the page by the client runtime). A rule that lists none applies to every
   * file; session activities are governed only by rules that list them (and `default` is for files).
   */
  activity?: string[];
  device?: string[];
  user?: string[];
  group?: string[];
  ip?: string[];
  location?: string[];
  userAgent?: string[];
  fileName?: string[];
  fileExtension?: string[];
  contentType?: string[];
  fileSize?: { min?: number; max?: number };
  label?: string[];
  content?: string[];
}

export type MatchDimension = keyof MatchDocument;

/**
 * The dimensions that are facts of a file. A session activity (copy, cut, paste, print)
 * has no file, so a rule that lists any of them never applies to one, whatever its values
 * (`"fileName": ["!*.exe"]` is about files, not about pasting).
 */
export const FILE_DIMENSIONS: readonly MatchDimension[] = ['fileName', 'fileExtension', 'contentType', 'fileSize', 'label', 'content'];

/** The dimensions in the order a rule evaluates them: facts first, the file's content last. */
export const MATCH_DIMENSIONS: readonly MatchDimension[] = [
  'activity', 'device', 'user', 'group', 'ip', 'location', 'userAgent',
  'fileName', 'fileExtension', 'contentType', 'fileSize', 'label', 'content',
];
