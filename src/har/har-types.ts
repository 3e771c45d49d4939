/**
 * HAR 1.2 types (http://www.softwareishard.com/blog/har-12-spec/), as real captures write them.
 *
 * Every object allows `comment` and custom fields whose names start with `_` (the spec's
 * extension rule; Chrome writes `_resourceType`, `_initiator`, `_transferSize`, …). Fields the
 * spec marks required are required here; readers of real captures should still expect them
 * to be missing (see src/har/schema/validate-har.ts).
 *
 * Body text (`content.text`, `postData.text`, a `params[].value`) can be a SpilledText: a JSON
 * string too long to hold in memory, whose decoded text is in a temp file. The streaming
 * reader turns ANY string longer than its `spillChars` into a SpilledText; only the body
 * positions are typed for it because nothing else in a real HAR reaches the default 8 Mi chars.
 */

/** A JSON string value too long to hold: its decoded text is in a temp file (UTF-8). */
export interface SpilledText {
  readonly spilled: true;
  /** Absolute path of the temp file holding the decoded text, UTF-8, no BOM, no quotes. */
  readonly path: string;
  /** Length of the text in UTF-16 code units (what `string.length` would be). */
  readonly chars: number;
  /** Size of the file in bytes. */
  readonly bytes: number;
}

/** A string value as the streaming reader yields it where a body can be. */
export type HarText = string | SpilledText;

/** Custom fields (`_name`) and the optional `comment` that every HAR object allows. */
export interface HarExtensible {
  comment?: string;
  [custom: `_${string}`]: unknown;
}

export interface HarCreator extends HarExtensible {
  name: string;
  version: string;
}

/** `log.browser` has the creator's shape. */
export type HarBrowser = HarCreator;

export interface HarPageTimings extends HarExtensible {
  /** ms since page start; -1 when not available. */
  onContentLoad?: number;
  onLoad?: number;
}

export interface HarPage extends HarExtensible {
  startedDateTime: string;
  id: string;
  title: string;
  pageTimings: HarPageTimings;
}

/** A name/value pair with a comment: headers and query parameters. */
export interface HarNameValue extends HarExtensible {
  name: string;
  value: string;
}

export type HarHeader = HarNameValue;
export type HarQueryParam = HarNameValue;

export interface HarCookie extends HarExtensible {
  name: string;
  value: string;
  path?: string;
  domain?: string;
  /** ISO 8601 date-time; browsers also write null or a number. */
  expires?: string | null;
  httpOnly?: boolean;
  secure?: boolean;
  /** Not in HAR 1.2; Chrome and Firefox write it ("Strict" | "Lax" | "None"). */
  sameSite?: string;
}

export interface HarPostDataParam extends HarExtensible {
  name: string;
  value?: HarText;
  fileName?: string;
  contentType?: string;
}

export interface HarPostData extends HarExtensible {
  mimeType: string;
  /** The spec makes `text` and `params` mutually exclusive; captures often carry both. */
  text?: HarText;
  params?: HarPostDataParam[];
}

export interface HarContent extends HarExtensible {
  /** Length of the returned content in bytes (decoded). */
  size: number;
  compression?: number;
  mimeType: string;
  text?: HarText;
  /** "base64" when `text` is base64 of the bytes; absent for text as is. */
  encoding?: string;
}

export interface HarCacheState extends HarExtensible {
  expires?: string | null;
  lastAccess: string;
  eTag: string;
  hitCount: number;
}

export interface HarCache extends HarExtensible {
  /** Absent: no information; null: not in cache. */
  beforeRequest?: HarCacheState | null;
  afterRequest?: HarCacheState | null;
}

export interface HarTimings extends HarExtensible {
  blocked?: number;
  dns?: number;
  connect?: number;
  send: number;
  wait: number;
  receive: number;
  ssl?: number;
}

export interface HarRequest extends HarExtensible {
  method: string;
  url: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarHeader[];
  queryString: HarQueryParam[];
  postData?: HarPostData;
  headersSize: number;
  bodySize: number;
}

export interface HarResponse extends HarExtensible {
  status: number;
  statusText: string;
  httpVersion: string;
  cookies: HarCookie[];
  headers: HarHeader[];
  content: HarContent;
  redirectURL: string;
  headersSize: number;
  bodySize: number;
}

export interface HarEntry extends HarExtensible {
  pageref?: string;
  startedDateTime: string;
  time: number;
  request: HarRequest;
  response: HarResponse;
  cache: HarCache;
  timings: HarTimings;
  serverIPAddress?: string;
  connection?: string;
}

export interface HarLog extends HarExtensible {
  version: string;
  creator: HarCreator;
  browser?: HarBrowser;
  pages?: HarPage[];
  entries: HarEntry[];
}

/** The whole file: `{ "log": … }`. */
export interface Har {
  log: HarLog;
  [custom: `_${string}`]: unknown;
}

/** Tells a SpilledText from a string (or anything else). */
export function isSpilledText(value: unknown): value is SpilledText {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { spilled?: unknown }).spilled === true &&
    typeof (value as { path?: unknown }).path === 'string'
  );
}
