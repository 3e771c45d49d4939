import { applyEdits, type Edit } from './edits.js';
import { emitEvent, type EventListener } from './events.js';
import type { HostMap } from './host-map.js';
import { nestedUrlEdits, type NestedRule } from './nested-urls.js';
import { decideOwnHostByParser, decidePlainOwnHost, type OwnHostDecision } from './own-host.js';
import type { HostScanner } from './scanner.js';
import { mayYieldProtectedHost, precheckOptions, type PrecheckOptions } from './url-precheck.js';

// DESIGN rules 1 and 2 for a value in a URL position, decided by the WHATWG URL parser:
// the value's own host (own-host.ts), then the URLs nested in its query and fragment
// (nested-urls.ts), each by the same rule. `mailto:`, `tel:`, `data:`, `blob:`,
// `about:` and `javascript:` come back unchanged (the last is the caller's to hand to
// the JS rules).

const NEVER_REWRITTEN = /^[\x00-\x20]*(?:data|blob|about|mailto|tel|javascript):/i;
const NEVER_REWRITTEN_PROTOCOLS = new Set(['data:', 'blob:', 'about:', 'mailto:', 'tel:', 'javascript:']);

export class UrlRule implements NestedRule {
  /** What the precheck knows besides the text (shared with the code-string search). */
  readonly precheck: PrecheckOptions;

  constructor(
    private readonly map: HostMap,
    scanner: HostScanner,
    private readonly onEvent?: EventListener,
    /** Off only to test the fast path against the parser path: a plain value decided from its text (url-plain.ts). */
    private readonly plainFastPath = true,
  ) {
    this.precheck = precheckOptions(scanner, map.bases());
  }

  /** The value with the rule applied. Never throws: a failure is reported and fails closed (see {@link failClosed}). */
  rewrite(value: string): string {
    try {
      const own = this.ownHostIfMayChange(value);
      if (own === null) return value;
      const edits = this.decide(value, 0, own);
      return edits === null || edits.length === 0 ? value : applyEdits(value, edits);
    } catch (err) {
      emitEvent(this.onEvent, { type: 'url-error', message: `URL rule failed: ${describe(err)}` });
      return this.failClosed(value);
    }
  }

  /** False when {@link rewrite} certainly returns `value` itself. */
  mayChange(value: string): boolean {
    return !NEVER_REWRITTEN.test(value) && this.mayYieldProtectedHost(value, 0);
  }

  /** The precheck: false when no parse of `text[from…]` can give a protected host. */
  mayYieldProtectedHost(text: string, from: number): boolean {
    return mayYieldProtectedHost(this.precheck, text, from);
  }

  /**
   * The edits that give {@link rewrite}'s result, or null when the parser refuses the
   * value. Never throws: after a failure (reported) the edit is the fail-closed result.
   */
  safeEdits(value: string): Edit[] | null {
    try {
      const own = this.ownHostIfMayChange(value);
      return own === null ? [] : this.decide(value, 0, own);
    } catch (err) {
      emitEvent(this.onEvent, { type: 'url-error', message: `URL rule failed: ${describe(err)}` });
      const closed = this.failClosed(value);
      return closed === value ? [] : [{ start: 0, end: value.length, text: closed }];
    }
  }

  /** The edits for `value` at nesting `depth`, or null when the parser refuses it. */
  edits(value: string, depth: number): Edit[] | null {
    const own = this.ownHostIfMayChange(value);
    return own === null ? [] : this.decide(value, depth, own);
  }

  /**
   * The value's own-host decision, or null when the precheck says the value cannot
   * change. A plain value (url-plain.ts) is decided from its text and skips the
   * precheck: what is left to find is in its query and fragment, which {@link nested}
   * prechecks on its own.
   */
  private ownHostIfMayChange(value: string): OwnHostDecision | null {
    const plain = this.plainFastPath ? decidePlainOwnHost(this.map, value) : null;
    if (plain !== null) return plain;
    return this.mayChange(value) ? decideOwnHostByParser(this.map, value) : null;
  }

  private decideOwnHost(value: string): OwnHostDecision {
    return (this.plainFastPath ? decidePlainOwnHost(this.map, value) : null) ?? decideOwnHostByParser(this.map, value);
  }

  /** {@link edits} past the precheck, given the value's own-host decision. */
  private decide(value: string, depth: number, own: OwnHostDecision): Edit[] | null {
    switch (own.kind) {
      case 'invalid':
        // `https:%zz?next=…` has no host the parser takes as absolute, but on a page of the
        // same scheme it is a relative path: its query still reaches the browser.
        return isRelativeOnItsScheme(value) ? this.nested(value, depth) : null;
      case 'unmappable':
        // The host stays as it is (reported, as everywhere a twin is missing); nested URLs are still proxied.
        emitEvent(this.onEvent, { type: 'mapping-error', message: own.message, host: own.host });
        return this.nested(value, depth);
      case 'keep':
        if (NEVER_REWRITTEN_PROTOCOLS.has(own.protocol)) return [];
        return this.nested(value, depth);
      case 'edits':
        return [...own.edits, ...this.nested(value, depth)];
      case 'serialized': {
        const text = own.text;
        return [{ start: 0, end: value.length, text: applyEdits(text, this.nested(text, depth)) }];
      }
    }
  }

  private nested(value: string, depth: number): Edit[] {
    const query = value.indexOf('?');
    const hash = value.indexOf('#');
    const from = query === -1 ? hash : hash === -1 ? query : Math.min(query, hash);
    if (from === -1) return [];
    return nestedUrlEdits(this, value, from, hash, depth);
  }

  /**
   * After a bug: the value's own host decided again on its own, nothing nested. A
   * protected host still comes out proxied; anything else comes back as it was.
   */
  private failClosed(value: string): string {
    let own: OwnHostDecision;
    try {
      own = this.decideOwnHost(value);
    } catch {
      return value;
    }
    if (own.kind === 'serialized') return own.text;
    if (own.kind === 'edits') return applyEdits(value, own.edits);
    return value;
  }
}

const SPECIAL_WITHOUT_SLASHES = /^[\x00-\x20]*(https?|wss?):(?![\t\n\r]*[/\\][\t\n\r]*[/\\])/i;

/** Whether `value` (`https:path`, no slashes) parses as a relative reference on a page of its own scheme. */
function isRelativeOnItsScheme(value: string): boolean {
  const scheme = SPECIAL_WITHOUT_SLASHES.exec(value)?.[1];
  if (scheme === undefined) return false;
  try {
    return new URL(value, `${scheme.toLowerCase()}://base.invalid/`).hostname === 'base.invalid';
  } catch {
    return false;
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
