/**
 * The contract of file control: what is known about a file (facts), what a classifier
 * may ask of it (content), what it answers (a decision). Every other module of
 * `src/files` speaks these types; only `src/files/policy` knows the policy format.
 */

/** Which way the file goes: from the app to the user, or from the user to the app. */
export type Activity = 'download' | 'upload';

/**
 * What the user does in a proxied page that moves data without a file: the client
 * runtime controls them in the browser (`activityControls`), the policy decides them by
 * its session dimensions only.
 */
export type SessionActivity = 'copy' | 'cut' | 'paste' | 'print';

export const SESSION_ACTIVITIES: readonly SessionActivity[] = ['copy', 'cut', 'paste', 'print'];

/** What happens to a file; ordered by strictness: block > protect > monitor > allow. */
export type Action = 'allow' | 'monitor' | 'block' | 'protect';

/** The actions from the least strict to the strictest. */
export const ACTIONS_BY_STRICTNESS: readonly Action[] = ['allow', 'monitor', 'protect', 'block'];

/**
 * The session the file moves in, as the implementer knows it (from its identity
 * provider, device management, IP geolocation). Every field is optional: a dimension
 * whose field is absent does not match (and a negated one, `!x`, does).
 */
export interface SessionContext {
  readonly user?: string;
  readonly groups?: readonly string[];
  /** `managed`, `unmanaged`, or any device state the implementer uses. */
  readonly device?: string;
  /** The user's IP address (IPv4 or IPv6). */
  readonly ip?: string;
  /** Location tags, e.g. `corporate`, `home`, a country code. */
  readonly location?: readonly string[];
  readonly userAgent?: string;
}

/** A sensitivity label as written in a file (Microsoft Purview Information Protection). */
export interface SensitivityLabel {
  /** The label GUID, lower-case, without braces. */
  readonly id: string;
  /** The name when the file carries one (custom properties and PDFs do; LabelInfo.xml does not). */
  readonly name?: string;
  /** The tenant (Azure AD directory) GUID, lower-case, without braces. */
  readonly siteId?: string;
  /** `Standard`, `Privileged` (custom properties) or `0`/`1` (LabelInfo.xml `method`), as written. */
  readonly method?: string;
  readonly enabled: boolean;
  /** Where it was read. */
  readonly source: 'labelinfo' | 'custom-properties' | 'pdf-info' | 'pdf-xmp';
}

/** Why the content of a file could not be inspected. */
export type CannotInspectReason =
  | 'too-large' // past the governed or the inspection byte limit
  | 'too-much-text' // its text runs past the character limit (the part read did not match)
  | 'partial' // a 206 part: the rest of the file is not here
  | 'encrypted' // password-protected Office file, encrypted PDF or zip entry
  | 'corrupt'; // not the format it claims to be, or truncated

/** What is known about a file without reading it past the first bytes. */
export interface FileFacts {
  readonly activity: Activity;
  /** From Content-Disposition (RFC 6266, `filename*` first), a multipart part, or the URL's last segment; never empty (`download` as the last resort). */
  readonly name: string;
  /** The name's extension, lower-case, without the dot; '' when none. */
  readonly extension: string;
  /** The declared MIME type essence (`application/pdf`), or null when none was given. */
  readonly declaredType: string | null;
  /** The MIME type read from the magic bytes, or null when they say nothing. */
  readonly sniffedType: string | null;
  /** The whole file's size in bytes when known (Content-Length, Content-Range, a read part). */
  readonly size: number | null;
  /** True for a `206` part: the bytes here are not the whole file. */
  readonly partial: boolean;
  /** The app URL the file comes from or goes to (upstream, not proxied). */
  readonly url: string;
  /** The app host (upstream), e.g. `app.example.com`. */
  readonly appHost: string;
}

/** The text of a file for content inspection. */
export interface ExtractedText {
  /** At most the character limit. */
  readonly text: string;
  /** Null when `text` is all the text of the file; else why it is not. */
  readonly cannotInspect: CannotInspectReason | null;
}

/** The content of a file, read on request. */
export interface FileContent {
  /** The whole file when it was read whole (within the governed limit); null otherwise. */
  readonly bytes: Uint8Array | null;
  /** Null when the bytes are the whole, readable file; else why they are not. */
  readonly cannotInspect: CannotInspectReason | null;
  /** The sensitivity labels in the file ([] when none); read once. */
  labels(): Promise<readonly SensitivityLabel[]>;
  /** The text of the file for content inspection (within the byte and character limits); read once. */
  text(): Promise<ExtractedText>;
}

/** A file to classify: its facts, and its content if the classifier asks. */
export interface ClassifiedFile extends FileFacts {
  /** Reads the file (up to the governed limit) on first call; the same answer after. */
  content(): Promise<FileContent>;
}

/** A request or response head as the classifier sees it (lower-case names). */
export interface FileExchangeHead {
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
}

/** Everything around the file. */
export interface ClassifyContext {
  readonly session: SessionContext;
  /** The browser's request (upstream URL, headers as the browser sent them). */
  readonly request: FileExchangeHead & { readonly method: string; readonly url: string };
  /** The upstream response head (downloads); null for uploads. */
  readonly response: (FileExchangeHead & { readonly status: number }) | null;
  /** Aborted when the classifier's time is up. */
  readonly signal: AbortSignal;
}

/** How to protect a file (`protect` decisions). */
export interface ProtectSpec {
  /** The protector's name as registered (`openpgp`, `label`, or the implementer's own). */
  readonly with: string;
  /** The label to stamp (name or GUID), for the `label` protector. */
  readonly label?: string;
}

/** A classifier's answer. */
export interface Decision {
  readonly action: Action;
  /** The rule that decided, or null (the default, a hook without rules). */
  readonly rule?: string | null;
  /** The message for the user when blocked (else the built-in notice). */
  readonly message?: string;
  /** Why, in words, for the audit log. */
  readonly reason?: string;
  /** For `protect`: which protector (default: the file control's default protector). */
  readonly protect?: ProtectSpec;
}

/** The pluggable classifier: may be async; sees the file and, if it asks, its content. */
export type Classifier = (file: ClassifiedFile, context: ClassifyContext) => Decision | Promise<Decision>;

/** How much of a file is governed and inspected. */
export interface FileLimits {
  /** Files up to this size are read for labels and content; larger ones cannot be inspected. Default 50 MiB. */
  readonly governedBytes: number;
  /** Content inspection (text) runs on files up to this size. Default 30 MiB. */
  readonly inspectBytes: number;
  /** At most this many characters of text are inspected. Default 1,000,000. */
  readonly inspectChars: number;
  /** Archives inside archives are opened to this depth (a zip in the file is depth 1). Default 3. */
  readonly archiveDepth: number;
  /** At most this many bytes are expanded out of archives in all. Default 100 MiB. */
  readonly archiveExpandedBytes: number;
}

export const DEFAULT_FILE_LIMITS: FileLimits = {
  governedBytes: 50 * 1024 * 1024,
  inspectBytes: 30 * 1024 * 1024,
  inspectChars: 1_000_000,
  archiveDepth: 3,
  archiveExpandedBytes: 100 * 1024 * 1024,
};

/** A file that cannot be read for labels or text (thrown by readers, caught by the file control). */
export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
  constructor(readonly reason: CannotInspectReason, message: string) {
    super(message);
  }
}
