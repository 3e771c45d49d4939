/**
 * `src/domain`: the one place that knows what a protected host is. Everything else asks
 * a {@link HostRewriter}.
 */
import { reverseDirection, forwardDirection } from './direction.js';
import type { EventListener } from './events.js';
import { HostMap, type HostMapOptions } from './host-map.js';
import { rewriteNestedUrls } from './nested-urls.js';
import { proxyParsedUrl } from './parsed-url.js';
import { rewriteCodeString, rewriteUrlValue } from './rules.js';
import { HostScanner } from './scanner.js';

export { ConfigError, MappingError } from './errors.js';
export { emitEvent, type EventListener, type RewriteEvent, type RewriteEventFields, type RewriteEventOf, type RewriteEventType } from './events.js';
export { applyEdits, type Edit } from './edits.js';
export type { Direction } from './direction.js';
export { HostMap, type HostMapOptions, type MappingScheme } from './host-map.js';
export { normalizeHost, isPublicSuffix, parsePattern, type HostPattern } from './patterns.js';
export { HostScanner, type HostOccurrence, type OccurrenceContext, type WholeRange } from './scanner.js';
export { codeStringEdits, editsOf, isCodeOccurrence, isUrlOccurrence, rewriteCodeString, rewriteUrlValue } from './rules.js';
export { isLabelCode, isLabelLike } from './chars.js';
export { rewriteWindow, rewriteWindowTail, WINDOW_CONTEXT, type WindowCut } from './windows.js';

/** The host map with its two scanners: protected → proxied (responses) and back (requests). */
export class HostRewriter {
  readonly map: HostMap;
  /** Finds protected hosts (response direction). */
  readonly scanner: HostScanner;
  /** Finds proxied hosts that map back onto protected ones (request direction). */
  readonly reverseScanner: HostScanner;

  constructor(options: HostMapOptions, readonly onEvent?: EventListener) {
    this.map = new HostMap(options);
    this.scanner = new HostScanner(forwardDirection(this.map), onEvent);
    this.reverseScanner = new HostScanner(reverseDirection(this.map), onEvent);
  }

  /**
   * A URL position value, forward (rules 1 and 2): the text scan, then two safety nets
   * for spellings only a URL parser resolves: the URL's own host, and URLs nested in
   * percent-encoded parameters.
   */
  url(value: string): string {
    return this.urlAt(value, 0);
  }

  private urlAt(value: string, depth: number): string {
    const scanned = rewriteUrlValue(this.scanner, value);
    const parsed = proxyParsedUrl(this.map, scanned) ?? scanned;
    return rewriteNestedUrls(parsed, (nested, d) => this.urlAt(nested, d), depth);
  }

  /** A proxied URL mapped back to upstream (request side), nested URLs included. */
  upstreamUrl(value: string): string {
    return rewriteUrlValue(this.reverseScanner, value);
  }

  /** One code or data string's contents (rule 3). */
  codeString(value: string): string {
    return rewriteCodeString(this.scanner, value);
  }
}
