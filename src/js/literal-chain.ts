import { isLabelCode } from '../domain/index.js';
import { LIT_STRING, LIT_TEMPLATE } from './lexer.js';

/**
 * Which literals code joins into one string at run time: the chunks of one template
 * (`` `a${x}b${y}c` ``) and string literals concatenated around names
 * (`'a' + x + 'b' + y.z + 'c'`). Literals arrive in text order; after each, the chain
 * ending in it is known, so a literal that holds the tail of a URL authority can be read
 * with the literals before it (see joinAuthority in authority-join.ts).
 */
export class LiteralChains {
  /** The chain ending in the last literal: start, end per literal, flat, oldest first. */
  private chain: number[] = [];
  /** Whether an open template holds {@link chain}, so a new chain needs its own array. */
  private chainIsOpen = false;
  /** The chains of templates whose substitution is open, innermost last. */
  private readonly open: number[][] = [];
  private prevKind = -1;
  private prevEnd = -1;

  /**
   * Records literal body `text[start, end)` of `kind`; true when code joins it to the
   * literal before it (a substitution or a concatenation), so {@link pieces} holds more
   * than this literal.
   */
  add(text: string, kind: number, start: number, end: number): boolean {
    let chain = this.chain;
    if (kind === LIT_TEMPLATE && start > 0 && text.charCodeAt(start - 1) === CLOSE_BRACE) {
      // A chunk after `}` continues the template whose substitution closed.
      chain = this.open.pop() ?? [];
    } else if (!(isJoinable(kind) && isJoinable(this.prevKind) && isConcatenationGap(text, this.prevEnd, start))) {
      // A new chain: the array is reused, one per literal would cost a bundle's worth of garbage.
      if (this.chainIsOpen) chain = [];
      chain.length = 0;
    }
    chain.push(start, end);
    // Only the last few literals can reach into an authority's window: drop the oldest.
    if (chain.length > 2 * MAX_PIECES * 2) chain.splice(0, chain.length - MAX_PIECES * 2);
    this.chainIsOpen = kind === LIT_TEMPLATE && text.charCodeAt(end) === DOLLAR && text.charCodeAt(end + 1) === OPEN_BRACE;
    if (this.chainIsOpen) this.open.push(chain);
    this.chain = chain;
    this.prevKind = kind;
    this.prevEnd = end;
    return chain.length > 2;
  }

  /** The chain ending in the last literal added: start, end per literal, flat, oldest first. */
  get pieces(): readonly number[] {
    return this.chain;
  }

  /**
   * Whether the literals before the last in its chain are host text (labels, dots, `*`),
   * so that with the code between them the string so far can be a host name: then the
   * last literal is as good as a whole string (`${sub}.example.com`, `sub + '.example.com'`).
   * After `https://${h}?r=` it is a piece of a URL's query, not a host.
   */
  precededByHostText(text: string): boolean {
    const chain = this.chain;
    let budget = MAX_HOST_TEXT;
    for (let i = chain.length - 4; i >= 0; i -= 2) {
      for (let j = chain[i]; j < chain[i + 1]; j++) if (!isHostTextCode(text.charCodeAt(j)) || --budget < 0) return false;
    }
    return true;
  }
}

function isHostTextCode(c: number): boolean {
  return isLabelCode(c) || c === 0x2e /* . */ || c === 0x2a /* * */;
}

/** Longer than a host name (253): what goes before a literal that is still host text. */
const MAX_HOST_TEXT = 256;
/** Pieces kept per chain: more than the authority window (one character per piece at least) needs. */
const MAX_PIECES = 256;
const DOLLAR = 0x24;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const PLUS = 0x2b;

function isJoinable(kind: number): boolean {
  return kind === LIT_STRING || kind === LIT_TEMPLATE;
}

// `'…' + a + b.c + f() + '…'` between two literal bodies: the closing quote, any number of
// `+ operand` (a name or member chain, optionally called or indexed, with no literal
// inside), `+`, the opening quote. Left to right, `+` after a string concatenates, so the
// operands become text between the two literals. Each alternative starts with its own
// character, so the match never backtracks beyond a fixed width; the gap is also bounded.
const OPERAND = String.raw`[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*|\([^()]*\)|\[[^[\]]*\])*`;
const CONCAT_GAP = new RegExp(String.raw`^["'\`](?:\s*\+\s*${OPERAND})*\s*\+\s*["'\`]$`);
/** `' + '`: two literals concatenated with no code between. */
const DIRECT_GAP = /^["'`]\s*\+\s*["'`]$/;
const MAX_GAP = 128;

/** Whether `text[gapStart, gapEnd)` is `' + name + '` or `' + '`: two literals concatenated (around code). */
export function isConcatenationGap(text: string, gapStart: number, gapEnd: number): boolean {
  // Most literals are followed by `,`, `)` or `:`: only a `+` after the quote needs the full test.
  return gapEnd - gapStart <= MAX_GAP && isPlusAfter(text, gapStart) && CONCAT_GAP.test(text.slice(gapStart, gapEnd));
}

/** Whether code stands between two literals of a chain (a substitution, an operand), not just `' + '`. */
export function hasCodeBetween(text: string, prevEnd: number, start: number): boolean {
  return !DIRECT_GAP.test(text.slice(prevEnd, start));
}

/** Whether `+` (after spaces or line breaks) follows the closing quote at `quoteAt`. */
export function isPlusAfter(text: string, quoteAt: number): boolean {
  let i = quoteAt + 1;
  while (i - quoteAt < MAX_GAP && isSpaceCode(text.charCodeAt(i))) i++;
  return text.charCodeAt(i) === PLUS;
}

function isSpaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
