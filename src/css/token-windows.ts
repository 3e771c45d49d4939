import type { RewriteContext } from '../context.js';
import {
  isCodeOccurrence, isUrlOccurrence, rewriteWindow as rewriteDomainWindow, rewriteWindowTail as rewriteDomainWindowTail,
  WINDOW_CONTEXT, type HostOccurrence, type WindowCut,
} from '../domain/index.js';
import type { BodyRole } from './body-rewrite.js';
import { decodeValue } from './escapes.js';

// A string or url token body longer than the buffer cap is rewritten in the content-fixed
// windows of src/domain/windows.ts, so the string API and the stream agree. The URL
// parser's safety net of `ctx.hosts.url` does not run on a windowed body, only the text
// scan does. A window whose scanned text holds a `\` passes through unrewritten:
// escapes would have to be decoded across window edges.

/** Characters of look-behind (and look-ahead) around each window. */
export const CONTEXT = WINDOW_CONTEXT;

/** Window length for a context: the cap minus the look-behind, at least CONTEXT. */
export function windowLength(ctx: RewriteContext): number {
  return Math.max(ctx.limits.maxBufferBytes - CONTEXT, CONTEXT);
}

// What the whole-token rules leave alone, tested on the start of a windowed body.
// Mirrors the never-rewritten schemes of `ctx.hosts.url` (URL role) and the `data:`
// exemption of `rewriteBody` (code role).
const NEVER_REWRITTEN_URL = /^[\s\x00-\x1f]*(?:data|blob|about|mailto|tel|javascript):/i;
const DATA_URL = /^[\t\n\f\r ]*data:/i;

/**
 * Whether a long body whose first window is `head` is left unrewritten whole
 * (`@namespace` names, `data:` URLs, …), decided once from its start.
 */
export function windowsSkipped(role: BodyRole, head: string): boolean {
  if (role === 'none') return true;
  const value = head.indexOf('\\') < 0 ? head : decodeValue(head);
  return (role === 'url' ? NEVER_REWRITTEN_URL : DATA_URL).test(value);
}

function accepts(role: BodyRole): (o: HostOccurrence) => boolean {
  return role === 'url' ? isUrlOccurrence : isCodeOccurrence;
}

/**
 * One window of a long CSS body (see src/domain/windows.ts); a window whose scanned text
 * holds a `\` passes unrewritten, as do skipped bodies.
 */
export function rewriteWindow(
  ctx: RewriteContext, text: string, lookFrom: number, from: number, window: number, role: BodyRole, skipped: boolean,
): WindowCut {
  const plainCut = from + window;
  if (skipped || text.slice(lookFrom, plainCut + CONTEXT).indexOf('\\') >= 0) return { cut: plainCut, out: text.slice(from, plainCut) };
  return rewriteDomainWindow(ctx.hosts.scanner, text, lookFrom, from, window, accepts(role));
}

/** The last part `text[from, end)` of a windowed CSS body. */
export function rewriteWindowTail(
  ctx: RewriteContext, text: string, lookFrom: number, from: number, end: number, role: BodyRole, skipped: boolean,
): string {
  if (skipped || text.slice(lookFrom, end).indexOf('\\') >= 0) return text.slice(from, end);
  return rewriteDomainWindowTail(ctx.hosts.scanner, text, lookFrom, from, end, accepts(role));
}
