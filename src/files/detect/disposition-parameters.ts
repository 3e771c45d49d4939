import { isToken, trimOws } from './http-token.js';
import { dispositionTypeOf } from './disposition-type.js';

/** One `name=value` parameter of a `Content-Disposition` value, as written. */
export interface DispositionParameter {
  /** As written (compare case-insensitively). */
  readonly name: string;
  /** The value, unquoted (backslash escapes undone). */
  readonly value: string;
  /** The value before unquoting, trimmed. */
  readonly raw: string;
}

/**
 * The parameters of a `Content-Disposition` value, read as leniently as Chromium's
 * HttpUtil::NameValuePairsIterator reads them, so broken headers give the name Chrome
 * saves under: elements split at `;` outside double quotes (a quote opens anywhere and an
 * unclosed one runs to the end), empty elements skipped (tc2231 `attemptyparam`), and
 * reading stops at the first element that is not `token=value` (tc2231 `attandinline2`,
 * `attmissingdelim`). A value wrapped in quotes is unquoted; a value that only opens a
 * quote loses that quote (tc2231 `attbrokenquotedfn2` gives `bar`). When the value has
 * no disposition type the parameters start at its beginning (`filename=foo.html`).
 */
export function dispositionParameters(contentDisposition: string): DispositionParameter[] {
  const start = dispositionTypeOf(contentDisposition) === null ? 0 : contentDisposition.indexOf(';');
  const out: DispositionParameter[] = [];
  if (start === -1) return out;
  for (const element of splitOutsideQuotes(contentDisposition.slice(start))) {
    const text = trimOws(element);
    if (text === '') continue;
    const eq = text.indexOf('=');
    if (eq === -1) break;
    const name = trimOws(text.slice(0, eq));
    if (!isToken(name)) break;
    const raw = trimOws(text.slice(eq + 1));
    out.push({ name, raw, value: unquoteLeniently(raw) });
  }
  return out;
}

function splitOutsideQuotes(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ';') {
      out.push(text.slice(from, i));
      from = i + 1;
    }
  }
  out.push(text.slice(from));
  return out;
}

function unquoteLeniently(raw: string): string {
  if (!raw.startsWith('"')) return raw;
  if (raw.length < 2 || !raw.endsWith('"')) return raw.slice(1);
  let out = '';
  const body = raw.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\' && i + 1 < body.length) i++;
    out += body[i];
  }
  return out;
}
