/**
 * `src/domain`: the one place that knows what a protected host is. Everything else asks
 * a {@link HostRewriter}.
 */
import { reverseDirection, forwardDirection } from './direction.js';
import type { EventListener } from './events.js';
import { HostMap, type HostMapOptions } from './host-map.js';
import { CodeStrings } from './code-strings.js';
import { CodeUrls } from './code-urls.js';
import { rewriteUrlValue } from './rules.js';
import { HostScanner } from './scanner.js';
import { UrlRule } from './url-rule.js';

export { ConfigError, MappingError } from './errors.js';
export { emitEvent, type EventListener, type RewriteEvent, type RewriteEventFields, type RewriteEventOf, type RewriteEventType } from './events.js';
export { applyEdits, type Edit } from './edits.js';
export type { Direction } from './direction.js';
export { HostMap, type HostMapOptions, type MappingScheme } from './host-map.js';
export { normalizeHost, isPublicSuffix, parsePattern, type HostPattern } from './patterns.js';
export { HostScanner, type HostOccurrence, type OccurrenceContext, type WholeRange } from './scanner.js';
export { codeStringEdits, editsOf, isCodeOccurrence, isUrlOccurrence, rewriteCodeString, rewriteUrlValue } from './rules.js';
export { isLabelCode, isLabelLike } from './chars.js';
export { CodeStrings, type CandidateSearch, type CodeForm } from './code-strings.js';
export { rewriteWindow, rewriteWindowTail, WINDOW_CONTEXT, type WindowCut, type WindowReader } from './windows.js';

/** The host map with its two scanners: protected → proxied (responses) and back (requests). */
export class HostRewriter {
  readonly map: HostMap;
  /** Finds protected hosts (response direction). */
  readonly scanner: HostScanner;
  /** Finds proxied hosts that map back onto protected ones (request direction). */
  readonly reverseScanner: HostScanner;
  /**
   * Rule 3 forward: code and data strings, by the text scan and, for URLs only the
   * parser reads, the URL rule. What content rewriters use for strings, with its
   * `candidates`/`mayContain` as their fast path (not `scanner.mayContain`).
   */
  readonly code: CodeStrings;
  /** Rule 3 in the request direction: the text scan alone. */
  readonly reverseCode: CodeStrings;

  private readonly urlRule: UrlRule;

  constructor(options: HostMapOptions, readonly onEvent?: EventListener) {
    this.map = new HostMap(options);
    this.scanner = new HostScanner(forwardDirection(this.map), onEvent);
    this.reverseScanner = new HostScanner(reverseDirection(this.map), onEvent);
    this.urlRule = new UrlRule(this.map, this.scanner, onEvent);
    this.code = new CodeStrings(this.scanner, new CodeUrls(this.urlRule, forwardDirection(this.map), onEvent));
    this.reverseCode = new CodeStrings(this.reverseScanner);
  }

  /**
   * A value in a URL position, forward (rules 1 and 2), as the browser's URL parser reads
   * it: its own host when it is an http(s)/ws(s) or scheme-relative URL, and URLs nested
   * in its query and fragment. Never throws.
   */
  url(value: string): string {
    return this.urlRule.rewrite(value);
  }

  /**
   * The sound precheck of {@link url}: false only when no URL parsing of `value` (nor of
   * a URL nested in it, however encoded) can give a protected host, so `url(value)` is
   * `value`. Content rewriters use it, not `scanner.mayContain`, to skip URL values:
   * `%61pp.example.com` or full-width letters hold no host text, yet parse to one.
   */
  mayRewriteUrl(value: string): boolean {
    return this.urlRule.mayChange(value);
  }

  /** A proxied URL mapped back to upstream (request side), nested URLs included. */
  upstreamUrl(value: string): string {
    return rewriteUrlValue(this.reverseScanner, value);
  }

  /** One code or data string's value (rule 3). */
  codeString(value: string): string {
    return this.code.rewrite(value);
  }
}
