import type { Edit, HostOccurrence, HostRewriter, HostScanner } from '../domain/index.js';
import { isLabelCode } from '../domain/index.js';
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
 * only some values are protected (`${svc}.example.com` with `app.example.com` protected).
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
  const q = firstHostIn(urlHostProbe(hosts), standIn);
  if (q === undefined || q.context !== 'url') return NONE;
  const at = (p: number) => p - standIn.current + start;
  // The authority must run from the literal's start to the host: no `/` of its own.
  if (at(q.hostStart) > run) return NONE;
  const hostEnd = at(q.end);
  if (userinfoFollows(text, hostEnd, end)) return { kind: 'left', end: hostEnd };

  const map = hosts.map;
  const hostText = standIn.text.slice(q.hostStart, q.end).toLowerCase();
  if (!standIn.codeIn(q.hostStart, q.end)) {
    // All of the host is literal (`${user}@example.com`): it maps in either scheme.
    return map.isProtected(hostText) ? protectedHostEdits(hosts, text, pieces, to, undefined, q, standIn, hostEnd) : { kind: 'left', end: hostEnd };
  }
  // Code right before the literal and glued to its first label may be empty or end in a dot.
  const glued = isLabelCode(text.charCodeAt(start)) ? standIn.codeEndingAt(standIn.current) : undefined;
  const readAs = (last: string) => (glued === undefined ? hostText : hostText.slice(0, glued[0] - q.hostStart) + last + hostText.slice(glued[1] - q.hostStart));
  for (const last of glued === undefined ? [undefined] : GLUED_READINGS) {
    if (!map.isProtected(last === undefined ? hostText : readAs(last))) continue;
    if (map.scheme === 'flat') return unmappable(standIn, q, hostEnd, text, 'flat-scheme');
    return protectedHostEdits(hosts, text, pieces, to, last, q, standIn, hostEnd);
  }
  // `${svc}.example.com` when some subdomain is protected: only the run time knows whether this one is.
  const written = standIn.glob(q.hostStart, q.end).toLowerCase();
  const tail = written.slice(written.lastIndexOf('*') + 1);
  if (tail.startsWith('.') && map.coversSubdomainsOf(tail.slice(1))) return unmappable(standIn, q, hostEnd, text, 'value-dependent');
  return { kind: 'left', end: hostEnd };
}

const NONE: AuthorityJoin = { kind: 'none' };
/** A substitution glued to a label: a label, empty, or a prefix ending in a dot. */
const GLUED_READINGS = [undefined, '', '-.'];

/** The first host the probe finds that ends inside the last literal. */
function firstHostIn(probe: HostScanner, standIn: StandIn): HostOccurrence | undefined {
  for (const o of probe.scan(standIn.text)) if (o.end > standIn.current) return o;
  return undefined;
}

/** The join for protected host `q` of `probed`, read with `last` as the code before the last literal. */
function protectedHostEdits(
  hosts: HostRewriter, text: string, pieces: readonly number[], to: number, last: string | undefined,
  q: HostOccurrence, probed: StandIn, hostEnd: number,
): AuthorityJoin {
  const edits = proxyEdits(hosts.scanner, text, pieces, to, last, q.end - probed.current);
  if (edits === 'unfound') return { kind: 'left', end: hostEnd };
  if (edits === 'on-code') return unmappable(probed, q, hostEnd, text, 'flat-scheme');
  return { kind: 'edits', end: hostEnd, edits };
}

/**
 * The real scanner's edits for the host ending `hostEndInCurrent` into the last literal,
 * read with `last` as the code before it. `unfound` when the scanner does not proxy it
 * (it reported why, e.g. `mapping-error`); `on-code` when an edit of the host falls on
 * code. An edit of a scheme that code writes (`${location.protocol}//`) is dropped: a
 * page the proxy serves already has the proxy's scheme.
 */
function proxyEdits(scanner: HostScanner, text: string, pieces: readonly number[], to: number, last: string | undefined, hostEndInCurrent: number): Edit[] | 'unfound' | 'on-code' {
  const standIn = new StandIn(text, pieces, to, last);
  const hostEnd = standIn.current + hostEndInCurrent;
  const found = scanner.scan(standIn.text).find((o) => o.end === hostEnd);
  if (found === undefined || found.context !== 'url') return 'unfound';
  const edits: Edit[] = [];
  for (const e of found.edits) {
    const mapped = standIn.edit(e);
    if (mapped !== null) edits.push(mapped);
    else if (e.end > found.hostStart) return 'on-code';
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
