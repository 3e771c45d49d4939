/**
 * What real captures get wrong, and what the session could not do as the proxy would.
 * Each is reported with its entry and never stops the run.
 */
export type ProblemKind =
  /** `entries[i]` has no request or response object, or no URL: written out as it came. */
  | 'not-an-entry'
  /** The request URL does not parse (WHATWG URL): the entry is written out as it came. */
  | 'bad-url'
  /** An `httpVersion` that is neither an HTTP version nor an ALPN name (`"K"`, `"me:"`): kept. */
  | 'http-version'
  /** `encoding: "base64"` on text that is not base64: read as text. */
  | 'not-base64'
  /** No `content.text` although `size` says there was a body: kept as it is (nothing to rewrite). */
  | 'body-omitted'
  /** A body whose text cannot be the body of its size (`"MANUALLY REMOVED"`), or whose size is -1: kept, rewritten as text. */
  | 'body-placeholder'
  /** A relative `redirectURL` (or `Location`): resolved against the request URL. */
  | 'relative-redirect'
  /** A redirect chain that comes back to a URL it already passed, in the same page. */
  | 'redirect-loop'
  /** A redirect chain longer than the 20 redirects Fetch follows. */
  | 'redirect-chain-too-long'
  /** A 206 part of a type the proxy rewrites: the proxy would fetch the whole body; the part is rewritten as it is. */
  | 'partial-rewritten-type'
  /** The body could not be run through the pipeline (a decode limit, an unreadable temp file): kept as it came. */
  | 'body-error'
  /** A request body too long to hold whose type has no streaming forward mapping: kept. */
  | 'post-data-too-large'
  /** The log has no `pages` (optional in practice; HAR 1.2 lists it). */
  | 'no-pages'
  /** The file starts with a UTF-8 byte order mark (Fiddler writes one; JSON forbids it): read past. */
  | 'bom'
  /** A value HAR 1.2 does not allow, made valid (`expires: null` left out, `httpOnly: "true"` read as true, a missing size -1): see `normalizeEntry`. */
  | 'normalized'
  /** A body longer than what the summary's escape count reads (`spr har`: 512 KiB): escapes past that are not counted. */
  | 'escapes-counted-in-part'
  /** Something the HAR reader met and read past (an ignored top-level member, a lone surrogate). */
  | 'reader';

/** One problem, with the index of its entry in `log.entries` (null for the log itself). */
export interface SessionProblem {
  readonly entry: number | null;
  readonly kind: ProblemKind;
  readonly message: string;
}
