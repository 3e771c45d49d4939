import { isAlphaCode, isSchemeCode, isTabOrNewlineCode } from './chars.js';

// Where the scheme, host and port of a special (http, https, ws, wss) URL stand in the
// text as written, read the way the WHATWG URL parser reads it: leading and trailing C0
// controls and spaces trimmed, tabs and newlines anywhere skipped, `\` as `/`, any run
// of slashes before the authority, the host after the last `@`, a port after a `:`
// outside brackets. It only locates; the parser itself decides, and every edit made at
// these places is checked by parsing the result (see own-host.ts).

/** Offsets into the value as written; `end` offsets are exclusive. */
export interface AuthoritySpans {
  /** The scheme name, or null for a scheme-relative value (`//host`, `\\host`). */
  readonly scheme: { readonly start: number; readonly end: number } | null;
  readonly hostStart: number;
  readonly hostEnd: number;
  /** The `:` that starts the port, or -1 when there is none. */
  readonly portColon: number;
  /** End of the authority (the port's end when there is one). */
  readonly authorityEnd: number;
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;


/**
 * The spans of `value` read as a special URL, or null when it does not start like one
 * (no scheme and fewer than two slashes). The scheme is not checked here: the caller has
 * the parser's word that it is special.
 */
export function readAuthoritySpans(value: string): AuthoritySpans | null {
  let end = value.length;
  while (end > 0 && value.charCodeAt(end - 1) <= 0x20) end--;
  let i = 0;
  while (i < end && value.charCodeAt(i) <= 0x20) i++;
  const next = (from: number): number => {
    let j = from;
    while (j < end && isTabOrNewlineCode(value.charCodeAt(j))) j++;
    return j;
  };

  let scheme: AuthoritySpans['scheme'] = null;
  i = next(i);
  if (i < end && isAlphaCode(value.charCodeAt(i))) {
    const start = i;
    let j = i;
    while (j < end && (isSchemeCode(value.charCodeAt(j)) || isTabOrNewlineCode(value.charCodeAt(j)))) j++;
    if (j < end && value.charCodeAt(j) === 0x3a /* : */) {
      scheme = { start, end: j };
      i = j + 1;
    }
  }

  let slashes = 0;
  for (i = next(i); i < end; i = next(i + 1)) {
    const c = value.charCodeAt(i);
    if (c !== SLASH && c !== BACKSLASH) break;
    slashes++;
  }
  if (scheme === null && slashes < 2) return null;

  let hostStart = i;
  let authorityEnd = i;
  for (let j = i; j < end; j++) {
    const c = value.charCodeAt(j);
    if (c === SLASH || c === BACKSLASH || c === 0x3f /* ? */ || c === 0x23 /* # */) break;
    if (c === 0x40 /* @ */) hostStart = j + 1;
    authorityEnd = j + 1;
  }

  let hostEnd = authorityEnd;
  let portColon = -1;
  let inBrackets = false;
  for (let j = hostStart; j < authorityEnd; j++) {
    const c = value.charCodeAt(j);
    if (c === 0x5b /* [ */) inBrackets = true;
    else if (c === 0x5d /* ] */) inBrackets = false;
    else if (c === 0x3a /* : */ && !inBrackets) {
      hostEnd = j;
      portColon = j;
      break;
    }
  }
  // Tabs and newlines at the edges of the host belong to nothing: keep edits off them.
  while (hostEnd > hostStart && isTabOrNewlineCode(value.charCodeAt(hostEnd - 1))) hostEnd--;
  while (hostStart < hostEnd && isTabOrNewlineCode(value.charCodeAt(hostStart))) hostStart++;
  return { scheme, hostStart, hostEnd, portColon, authorityEnd };
}
