import type { Edit, HostOccurrence, HostRewriter, HostScanner } from '../domain/index.js';
import { isLabelCode, MappingError } from '../domain/index.js';
import { StandIn } from './authority-stand-in.js';
import { authorityRunEnd, isAuthorityCode, userinfoFollows } from './authority-text.js';
import { urlHostProbe } from './url-host-probe.js';

/**
 * A URL whose authority code builds: `` `https://${a}${b}.example.com/` ``,
 * `` `//${tenant}-my.example.com` ``, `'https://' + r + '.' + s + '.example.com'`. The
 * literal holding the host's tail is prose to rule 3 on its own; read with the literals
 * before it (a {@link StandIn}), it is the end of a URL's host, and the URL rules decide.
 *
 * What the code holds is unknown, so the host is judged for what it most likely holds
 * (see {@link StandIn}): a substitution is a label (`${a}.example.com` is protected for
 * every value only through `*.example.com`); one glued to the host's first label
 * (`${env}example.com`) is empty or a prefix ending in a dot. The suffix scheme appends
 * the suffix after the host, which gives each value its own twin; a value read another
 * way (`${env}` = `staging-`) then names a host the proxy refuses, never another site.
 */
export type AuthorityJoin =
  /** The literal does not continue a URL's authority: rule 3 reads it alone. */
  | { readonly kind: 'none' }
  /** A URL host that ends at `end` in the literal, proxied by `edits` (source positions). */
  | { readonly kind: 'edits'; readonly end: number; readonly edits: Edit[] }
  /** A URL host that ends at `end`: not protected, or userinfo (an `@` follows): left as it is. */
  | { readonly kind: 'left'; readonly end: number }
  /** A protected URL host ending at `end` that no edit of the literals can proxy: reported, left. */
  | { readonly kind: 'unmappable'; readonly end: number; readonly host: string; readonly source: string; readonly reason: UnmappableReason };

/**
 * `flat-scheme`: the flat twin rewrites the whole host, code included. `value-dependent`:
 * only some values are protected (`${svc}.example.com`, or `${env}example.com` with env
 * ending in a dot, when `app.example.com` is protected).
 */
export type UnmappableReason = 'flat-scheme' | 'value-dependent';

/** The longest authority read in the literal: userinfo, a host (at most 253 characters), a port. */
const MAX_AUTHORITY = 600;
/** How far past the authority the scanner looks: an escaped port colon, an escaped dot and a label. */
const RIGHT_CONTEXT = 32;

/**
 * Reads literal body `text[start, end)`, the last of `pieces` (start, end per literal
 * that code joins, oldest first), as the continuation of a URL authority begun before it.
 */
export function joinAuthority(hosts: HostRewriter, text: string, pieces: readonly number[], start: number, end: number): AuthorityJoin {
  if (start >= end || !isAuthorityCode(text.charCodeAt(start))) return NONE;
  // The host ends inside the authority run the literal starts with; the scanner looks a little past it.
  const run = authorityRunEnd(text, start, Math.min(end, start + MAX_AUTHORITY));
  const to = Math.min(end, run + RIGHT_CONTEXT);
  const standIn = new StandIn(text, pieces, to);
  const at = (p: number) => p - standIn.current + start;
  // A host of this authority: after `//` (or `//userinfo@`), reached from the literal's
  // start without a `/` of its own, with no `@` after it (then it is userinfo).
  const isAuthorityHost = (o: HostOccurrence | undefined): o is HostOccurrence =>
    o !== undefined && o.context === 'url' && at(o.hostStart) <= run && !userinfoFollows(text, at(o.end), end);
  const map = hosts.map;
  if (map.scheme === 'suffix') {
    // Most often the stand-in's host is protected as it reads: then the real scanner's
    // reading is the answer. (Suffix twins never fail, so no placeholder host is reported.)
    const direct = firstHostIn(hosts.scanner, standIn);
    if (isAuthorityHost(direct)) return joined(mapEdits(standIn, direct), standIn, direct, at(direct.end), text);
  }
  // Every host, protected or not, tells whether the URL rules (not rule 3) decide.
  const q = firstHostIn(urlHostProbe(hosts), standIn);
  if (q === undefined || q.context !== 'url' || at(q.hostStart) > run) return NONE;
  const hostEnd = at(q.end);
  const left: AuthorityJoin = { kind: 'left', end: hostEnd };
  if (!isAuthorityHost(q)) return left;
  const hostText = standIn.text.slice(q.hostStart, q.end).toLowerCase();
  const proxied = (reading: StandIn): AuthorityJoin => {
    const hostEndThere = reading.current + q.end - standIn.current;
    const found = hosts.scanner.scan(reading.text).find((o) => o.end === hostEndThere);
    return found === undefined || found.context !== 'url' ? left : joined(mapEdits(reading, found), standIn, q, hostEnd, text);
  };
  if (!standIn.codeIn(q.hostStart, q.end)) {
    // All of the host is literal (`${user}@example.com`). A flat twin that cannot be
    // written was reported when the literal was read alone.
    return map.isProtected(hostText) && hasFlatTwin(hosts, hostText) ? proxied(standIn) : left;
  }
  // Code right before the literal and glued to its first label may also be empty or end in a dot.
  const glued = isLabelCode(text.charCodeAt(start)) ? standIn.codeEndingAt(standIn.current) : undefined;
  for (const last of glued === undefined ? [undefined] : [undefined, ...GLUED_READINGS]) {
    const host = last === undefined || glued === undefined ? hostText : hostText.slice(0, glued[0] - q.hostStart) + last + hostText.slice(glued[1] - q.hostStart);
    if (!map.isProtected(host)) continue;
    if (map.scheme === 'flat') return unmappable(standIn, q, hostEnd, text, 'flat-scheme');
    return proxied(new StandIn(text, pieces, to, last));
  }
  // `${svc}.example.com` when some subdomain is protected: only the run time knows whether this one is.
  // Code glued to the first label may end in a dot (`${env}example.com`, env = 'app.'): a subdomain too.
  const written = standIn.glob(q.hostStart, q.end).toLowerCase();
  const afterCode = written.slice(written.lastIndexOf('*') + 1);
  const tail = glued !== undefined && !afterCode.startsWith('.') ? '.' + afterCode : afterCode;
  if (tail.startsWith('.') && map.coversSubdomainsOf(tail.slice(1))) return unmappable(standIn, q, hostEnd, text, 'value-dependent');
  return left;
}

/** Whether `host` has a twin: always in the suffix scheme, in the flat one when its label fits. */
function hasFlatTwin(hosts: HostRewriter, host: string): boolean {
  try {
    hosts.map.proxyHost(host);
    return true;
  } catch (err) {
    if (err instanceof MappingError) return false;
    throw err;
  }
}

const NONE: AuthorityJoin = { kind: 'none' };
/** Other readings of code glued to a label: empty, or a prefix ending in a dot. */
const GLUED_READINGS = ['', '-.'];

/** The first host the probe finds that ends inside the last literal. */
function firstHostIn(probe: HostScanner, standIn: StandIn): HostOccurrence | undefined {
  for (const o of probe.scan(standIn.text)) if (o.end > standIn.current) return o;
  return undefined;
}

/** The join of proxied host `q` (of `probed`) given the edits of its reading. */
function joined(edits: Edit[] | null, probed: StandIn, q: HostOccurrence, hostEnd: number, text: string): AuthorityJoin {
  return edits === null ? unmappable(probed, q, hostEnd, text, 'flat-scheme') : { kind: 'edits', end: hostEnd, edits };
}

/**
 * The edits of occurrence `found` of `standIn` in source positions; null when an edit of
 * the host falls on code. An edit of a scheme that code writes (`${location.protocol}//`)
 * is dropped: a page the proxy serves already has the proxy's scheme.
 */
function mapEdits(standIn: StandIn, found: HostOccurrence): Edit[] | null {
  const edits: Edit[] = [];
  for (const e of found.edits) {
    const mapped = standIn.edit(e);
    if (mapped !== null) edits.push(mapped);
    else if (e.end > found.hostStart) return null;
  }
  return edits;
}

function unmappable(standIn: StandIn, q: HostOccurrence, hostEnd: number, text: string, reason: UnmappableReason): AuthorityJoin {
  const from = standIn.sourceStart(q.hostStart);
  const source = hostEnd - from > MAX_SOURCE ? '…' + text.slice(hostEnd - MAX_SOURCE, hostEnd) : text.slice(from, hostEnd);
  return { kind: 'unmappable', end: hostEnd, host: standIn.glob(q.hostStart, q.end).toLowerCase(), source, reason };
}

/** How much of the code that writes the host a report quotes. */
const MAX_SOURCE = 120;
