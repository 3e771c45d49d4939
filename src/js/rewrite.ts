import MagicString, { type SourceMap } from 'magic-string';
import type { RewriteContext } from '../context.js';
import { applyEdits, type Edit, type RewriteEventOf } from '../domain/index.js';
import { findLiterals } from './find-literals.js';
import { LiteralEditCollector } from './literal-edits.js';

/** How to read a script. `auto` tries a classic script, then a module. */
export type SourceType = 'script' | 'module' | 'auto';

/** Options of the JavaScript rewriter. */
export interface JsOptions {
  /**
   * From the caller when known: `<script type=module>`, `.mjs`, a module worker. `auto`
   * (default) reads a classic script and falls back to a module.
   */
  sourceType?: SourceType;
  /**
   * Parse with acorn even when the lexer is sure of every literal, so that a body that
   * lexes but does not parse is reported (`js-fallback`). Costs a full parse. Default false.
   */
  validate?: boolean;
}

/** Why and where the exact rewriter gave way to the lexical fallback. */
export type JsFallbackEvent = RewriteEventOf<'js-fallback'>;

/** The literal edits for `source` and whether they came from the fallback. */
export interface JsEdits {
  readonly edits: Edit[];
  /** The parser's complaint when the lexical fallback produced the edits. */
  readonly fallback?: string;
}

/**
 * Finds the edits DESIGN rule 3 asks for in JavaScript `source`, without changing it.
 * The literals come from {@link findLiterals} (the hand lexer, acorn when only the
 * grammar can decide, the lexer's recovered reading when acorn cannot parse either; then
 * `fallback` says why); the edits are computed once, from that one reading.
 */
export function findJsEdits(ctx: RewriteContext, source: string, options: JsOptions = {}): JsEdits {
  if (!ctx.hosts.code.mayContain(source)) return { edits: [] };
  const found = findLiterals(source, options.sourceType ?? 'auto', options.validate);
  const collector = new LiteralEditCollector(ctx, source);
  found.literals.replay(collector);
  return found.by === 'fallback' ? { edits: collector.edits, fallback: found.complaint } : { edits: collector.edits };
}

function reportFallback(ctx: RewriteContext, message: string): void {
  const event: JsFallbackEvent = { type: 'js-fallback', reason: 'syntax-error', message: `JavaScript did not parse (${message}); rewritten by the lexical fallback` };
  ctx.emit(event);
}

/**
 * DESIGN rule 3 applied to JavaScript: protected hosts in string literals, template
 * chunks, regular-expression literals (import specifiers and string keys are string
 * literals) and a `//# sourceMappingURL=` comment become their proxied twins; code,
 * e-mail addresses and prose are left alone. Only the bytes of changed literals change;
 * with no host candidate the input comes back as is, unparsed. Never throws on bad input:
 * a body that does not parse is rewritten by the lexical fallback and reported as a
 * `js-fallback` event. A URL host that code begins (`` `https://${sub}.example.com` ``)
 * gets the suffix; in the flat scheme it is left and reported as `js-unmappable`.
 */
export function rewriteJs(ctx: RewriteContext, source: string, options: JsOptions = {}): string {
  const { edits, fallback } = findJsEdits(ctx, source, options);
  if (fallback !== undefined) reportFallback(ctx, fallback);
  return edits.length === 0 ? source : applyEdits(source, edits);
}

/** Options of {@link rewriteJsWithMap}. */
export interface JsMapOptions extends JsOptions {
  /** The source file name recorded in the map. */
  source?: string;
  /** The generated file name recorded in the map. */
  file?: string;
}

/**
 * {@link rewriteJs} with a source map (magic-string, high resolution) from the output
 * back to the input; `map` is null when nothing changed.
 */
export function rewriteJsWithMap(ctx: RewriteContext, source: string, options: JsMapOptions = {}): { code: string; map: SourceMap | null } {
  const { edits, fallback } = findJsEdits(ctx, source, options);
  if (fallback !== undefined) reportFallback(ctx, fallback);
  if (edits.length === 0) return { code: source, map: null };
  const s = new MagicString(source);
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.start === e.end) s.appendLeft(e.start, e.text);
    else s.overwrite(e.start, e.end, e.text);
  }
  return { code: s.toString(), map: s.generateMap({ hires: true, source: options.source, file: options.file, includeContent: true }) };
}
