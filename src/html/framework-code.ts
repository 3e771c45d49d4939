import type { RewriteContext } from '../context.js';
import { applyEdits, type Edit } from '../domain/index.js';
import { findJsEdits } from '../js/index.js';
import { rewriteJsonValue } from './inline-code.js';

/**
 * The JavaScript rules (DESIGN rule 3 on string literals, template chunks and regular
 * expressions) on the values of framework attributes (framework-attributes.ts). A value
 * is an expression, statements, or the members of an object literal, so it is read in a
 * wrapper that makes it a script (`(`value`)`, `({`value`})`) and the literal edits are
 * taken back onto the value; the wrapper ends on a line of its own, so a trailing `//`
 * comment cannot swallow it. Frameworks' dialects (Angular filters `a | f:x`, `v-for`'s
 * `x of xs`) are not JavaScript: then the JS lexer's own reading still finds the string
 * literals, and no `js-fallback` is reported for what is not meant as JavaScript.
 */

/** The edits of `value` read inside `open`…`close`, or null when that reading does not parse. */
function readAs(ctx: RewriteContext, value: string, open: string, close: string, strict: boolean): Edit[] | null {
  const source = open + value + close;
  const found = findJsEdits(ctx, source, { sourceType: 'script' });
  if (strict && found.fallback !== undefined) return null;
  const from = open.length;
  const to = from + value.length;
  const edits: Edit[] = [];
  for (const e of found.edits) {
    if (e.start < from || e.end > to) return null;
    edits.push({ start: e.start - from, end: e.end - from, text: e.text });
  }
  return edits;
}

/** Applies the first reading that parses, else the lexer's reading of the first. */
function rewriteReadings(ctx: RewriteContext, value: string, readings: readonly [string, string][]): string {
  if (!ctx.hosts.code.mayContain(value)) return value;
  for (const [open, close] of readings) {
    const edits = readAs(ctx, value, open, close, true);
    if (edits !== null) return applyEdits(value, edits);
  }
  const [open, close] = readings[0] as [string, string];
  const edits = readAs(ctx, value, open, close, false) ?? readAs(ctx, value, '', '', false) ?? [];
  return applyEdits(value, edits);
}

/** An expression (Vue, Alpine, AngularJS), or statements (`v-on`, `x-init`, `ng-click="a(); b()"`). */
export function rewriteCodeValue(ctx: RewriteContext, value: string): string {
  return rewriteReadings(ctx, value, [['(', '\n)'], ['', '\n']]);
}

/** The members of an object literal without braces (Knockout `data-bind`, htmx `hx-vars`). */
export function rewriteMembersValue(ctx: RewriteContext, value: string): string {
  return rewriteReadings(ctx, value, [['({', '\n})'], ['(', '\n)']]);
}

const CODE_PREFIX = /^[\t\n\f\r ]*(?:javascript|js):/;

/**
 * htmx `hx-vals` / `hx-headers`: JSON, or after `js:` / `javascript:` an expression;
 * htmx adds the braces when the value does not start with one.
 */
export function rewriteJsonOrCodeValue(ctx: RewriteContext, value: string): string {
  const m = CODE_PREFIX.exec(value);
  if (m === null) return rewriteJsonValue(ctx, value);
  const body = value.slice(m[0].length);
  const next = body.trimStart().startsWith('{') ? rewriteCodeValue(ctx, body) : rewriteMembersValue(ctx, body);
  return next === body ? value : m[0] + next;
}

/**
 * Text with AngularJS `{{ expression }}` parts: each expression by the code rules, and
 * `rewriteText` (the URL rules for `ng-href`) on the text with each part standing in as
 * plain label characters, so `https://{{ tenant }}.example.com/` reads as a host ending
 * in a protected tail (as a JS template does), and a `srcset` is not cut at the spaces
 * inside braces. The rewrite is taken only when it does not depend on what a part
 * holds: two different stand-ins (one with a `-`) must give the same text once the parts
 * are back. In the flat scheme a host that a part writes has no static twin: the text is
 * then left as written (its parts rewritten) and a `js-unmappable` event says so.
 */
export function rewriteInterpolated(ctx: RewriteContext, value: string, rewriteText: (text: string) => string): string {
  const parts: string[] = [];
  const pieces: string[] = [];
  let pos = 0;
  for (;;) {
    const open = value.indexOf('{{', pos);
    if (open < 0) break;
    const close = value.indexOf('}}', open + 2);
    if (close < 0) break;
    pieces.push(value.slice(pos, open));
    parts.push('{{' + rewriteCodeValue(ctx, value.slice(open + 2, close)) + '}}');
    pos = close + 2;
  }
  if (parts.length === 0) return rewriteText(value);
  pieces.push(value.slice(pos));
  const fill = (standIn: (k: number) => string) => pieces.map((p, k) => (k < parts.length ? p + standIn(k) : p)).join('');
  const asWritten = fill((k) => parts[k] as string);
  if (value.includes(MARK_A) || value.includes(MARK_B)) return rewriteText(asWritten);
  const a = restore(rewriteText(fill(standInA)), STAND_IN_A, parts);
  const b = restore(rewriteText(fill(standInB)), STAND_IN_B, parts);
  if (a !== null && a === b) return a;
  // The rewrite depends on what a part holds (a stand-in changed, or two gave two texts):
  // no static text is right for every value.
  ctx.emit({ type: 'js-unmappable', host: value, message: `URL "${value}" left as it is: in the ${ctx.hosts.map.scheme} scheme a host that an interpolation writes part of has no twin right for every value` });
  return asWritten;
}

/** Stand-ins: runs of label characters no text holds (checked), numbered. */
const MARK_A = 'zqngx';
const MARK_B = 'zq-ngy';
const STAND_IN_A = /zqngx(\d+)x/g;
const STAND_IN_B = /zq-ngy(\d+)y/g;

function standInA(k: number): string {
  return `${MARK_A}${k}x`;
}

function standInB(k: number): string {
  return `${MARK_B}${k}y`;
}

/** `text` with every stand-in back as its part, or null when the rules did not keep each one once. */
function restore(text: string, standIn: RegExp, parts: readonly string[]): string | null {
  let count = 0;
  const out = text.replace(standIn, (_, k: string) => {
    count++;
    return parts[Number(k)] ?? '';
  });
  return count === parts.length ? out : null;
}
