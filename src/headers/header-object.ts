import type { RewriteContext } from '../context.js';
import { isUnsafeFieldValue, isValidFieldName, splitLines } from './field-safety.js';
import { headerFields, isPlainObject, type HeadersInput } from './header-shapes.js';

export type { HeadersInput } from './header-shapes.js';

/** Headers as the rewriters return them: a new object, same shape, no undefined values. */
export type HeadersOutput = Record<string, string | string[]>;

/** How one header is treated: dropped, or each value rewritten (null drops that value). */
export interface HeaderRule {
  readonly drop?: boolean;
  readonly rewrite?: (value: string) => string | null;
  /** Split a value on line breaks into separate values (Set-Cookie in HAR captures). */
  readonly splitLines?: boolean;
}

const PASS: HeaderRule = {};

/**
 * Copies `headers` (any {@link HeadersInput} shape) into a new object, applying
 * `ruleFor(lower-case name)` to each. Plain-object names are kept as written; fetch
 * `Headers` and `rawHeaders` give lower-case names. Safety holds for every header,
 * rewritten or not: names that are not tokens and values holding control characters
 * (CR, LF, NUL, …) are dropped with a `header-dropped` event, so nothing that could
 * split a header line is ever returned. An array stays an array;
 * a string stays a string unless line splitting made several values of it. Throws a
 * `TypeError` for a shape that is none of the accepted ones, and for nothing else.
 */
export function mapHeaders(ctx: RewriteContext, headers: HeadersInput, ruleFor: (name: string) => HeaderRule | undefined): HeadersOutput {
  const out: HeadersOutput = {};
  // Node's plain object, the common shape, is read in place: no list of fields made of it.
  if (isPlainObject(headers)) for (const name of Object.keys(headers)) mapField(ctx, out, name, headers[name], ruleFor);
  else for (const [name, raw] of headerFields(headers)) mapField(ctx, out, name, raw, ruleFor);
  return out;
}

/** One field into `out`: see {@link mapHeaders}. */
function mapField(ctx: RewriteContext, out: HeadersOutput, name: string, raw: unknown, ruleFor: (name: string) => HeaderRule | undefined): void {
  if (raw === undefined) return;
  if (!isValidFieldName(name)) {
    dropped(ctx, name, 'invalid-name');
    return;
  }
  const rule = ruleFor(lowerCase(name)) ?? PASS;
  if (rule.drop) return;
  // The common shape, one string: no arrays made for it.
  if (typeof raw === 'string' && !(rule.splitLines && isUnsafeFieldValue(raw))) {
    const result = mapPiece(ctx, name, raw, rule);
    if (result !== null) setOwn(out, name, result);
    return;
  }
  const kept: string[] = [];
  const values: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
  for (const value of values) {
    if (typeof value !== 'string') {
      dropped(ctx, name, 'not-a-string');
      continue;
    }
    if (!(rule.splitLines && isUnsafeFieldValue(value))) {
      const result = mapPiece(ctx, name, value, rule);
      if (result !== null) kept.push(result);
      continue;
    }
    for (const piece of splitLines(value)) {
      const result = mapPiece(ctx, name, piece, rule);
      if (result !== null) kept.push(result);
    }
  }
  if (kept.length === 0) return;
  setOwn(out, name, Array.isArray(raw) || kept.length > 1 ? kept : kept[0]);
}

/** One value: dropped (null, reported) when it holds a control character, else rewritten by `rule`. */
function mapPiece(ctx: RewriteContext, name: string, piece: string, rule: HeaderRule): string | null {
  if (isUnsafeFieldValue(piece)) {
    dropped(ctx, name, 'control-character');
    return null;
  }
  if (!rule.rewrite) return piece;
  const result = rewriteOne(ctx, name, piece, rule.rewrite);
  // The rewriters only insert host names and ports; this check makes that a guarantee.
  // An unchanged value was checked above.
  return result === null || (result !== piece && isUnsafeFieldValue(result)) ? null : result;
}

/** Most names come lower-case already (Node, fetch): no new string for them. */
function lowerCase(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) return name.toLowerCase();
  }
  return name;
}

function rewriteOne(ctx: RewriteContext, name: string, value: string, rewrite: (value: string) => string | null): string | null {
  try {
    return rewrite(value);
  } catch (err) {
    // A bug must not take the response down, nor let the value through unrewritten: the
    // conservative code-string rules (hosts in URLs, whole-string and regex-escaped hosts)
    // still proxy what they find; should they fail too, the value is dropped.
    ctx.emit({ type: 'header-rewrite-failed', message: `${name}: ${err instanceof Error ? err.message : String(err)}; rewritten by the lexical rules`, header: name });
    try {
      return ctx.hosts.codeString(value);
    } catch {
      return null;
    }
  }
}

function dropped(ctx: RewriteContext, name: string, reason: string): void {
  const shown = name.length > 64 ? name.slice(0, 64) + '…' : name;
  ctx.emit({ type: 'header-dropped', message: `header ${JSON.stringify(shown)} dropped: ${reason}`, header: shown, reason });
}

/**
 * Plain assignment would turn a `__proto__` header into a prototype change, and would
 * fail on a name `Object.prototype` holds read-only (a frozen prototype): those get
 * `defineProperty`. Every other name is assigned, which keeps the object fast (the
 * same own, enumerable, writable, configurable property either way).
 */
function setOwn(out: HeadersOutput, name: string, value: string | string[]): void {
  if (name in out) Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  else out[name] = value;
}

/**
 * Any {@link HeadersInput} as one plain object keyed by lower-case name: a value is a
 * string, or an array when the header is repeated (names differing only in case are
 * merged, in order) or came as an array. Nothing is rewritten or filtered: a value that
 * is neither a string nor an array of strings throws a `TypeError`, as does a wrong shape.
 */
export function headersToObject(headers: HeadersInput): HeadersOutput {
  const out: HeadersOutput = {};
  for (const [name, raw] of headerFields(headers)) {
    if (raw === undefined) continue;
    const values: readonly unknown[] = Array.isArray(raw) ? raw : [raw];
    const bad = values.find((v) => typeof v !== 'string');
    if (bad !== undefined) {
      throw new TypeError(`header ${JSON.stringify(name)}: a value must be a string or an array of strings, not ${bad === null ? 'null' : typeof bad}`);
    }
    const key = name.toLowerCase();
    const had = Object.prototype.hasOwnProperty.call(out, key) ? out[key] : undefined;
    const strings = values as string[];
    if (had === undefined) setOwn(out, key, Array.isArray(raw) ? [...strings] : strings[0]);
    else setOwn(out, key, [...(Array.isArray(had) ? had : [had]), ...strings]);
  }
  return out;
}
