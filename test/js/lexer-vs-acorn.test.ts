/**
 * Proof that the hand lexer finds exactly the literals the parser finds (issue 3): for
 * real bundles and for hand-written snippets on the regex-versus-division and comment
 * edges, its spans equal those of the tokens acorn reports while parsing (`onToken`,
 * which sees tokens as the parser does; `acorn.tokenizer` guesses and is not exact).
 */
import { readFileSync } from 'node:fs';
import { parse, type Token } from 'acorn';
import { describe, expect, test } from 'vitest';
import { findLiterals } from '../../src/js/find-literals.js';
import { JsLexer, LIT_REGEX, LIT_SOURCE_MAP, LIT_STRING, LIT_TEMPLATE } from '../../src/js/lexer.js';
import { modules, presentBundles } from './helpers.js';

type Grammar = 'script' | 'module';
interface RegExpValue { flags: string }
const KIND = ['string', 'template', 'regex', 'sourcemap'];

/** `kind start end` per literal body, one line each, so a mismatch shows where. */
function lexerSpans(src: string, sourceType: Grammar): { spans: string[]; uncertain: boolean; errors: number } {
  const spans: string[] = [];
  const lexer = new JsLexer({ literal: (k, s, e) => spans.push(`${KIND[k]} ${s} ${e}`) }, sourceType);
  lexer.run(src, true);
  return { spans, uncertain: lexer.uncertain, errors: lexer.errors };
}

const SOURCE_MAP = /^[#@] sourceMappingURL=/;

/** The same spans from the tokens and comments acorn reports while it parses. Throws on a syntax error. */
function acornSpans(src: string, sourceType: Grammar): string[] {
  const spans: Array<[number, string]> = [];
  const add = (k: number, s: number, e: number) => spans.push([s, `${KIND[k]} ${s} ${e}`]);
  parse(src, {
    ecmaVersion: 'latest',
    sourceType,
    allowReturnOutsideFunction: sourceType === 'script',
    onToken(t: Token) {
      const label = t.type.label;
      if (label === 'string') add(LIT_STRING, t.start + 1, t.end - 1);
      else if (label === 'template' || label === 'invalidTemplate') add(LIT_TEMPLATE, t.start, t.end);
      else if (label === 'regexp') add(LIT_REGEX, t.start + 1, t.end - 1 - (t as unknown as { value: RegExpValue }).value.flags.length);
    },
    onComment(block, text, start, end) {
      const m = block ? null : SOURCE_MAP.exec(text);
      if (m) add(LIT_SOURCE_MAP, start + 2 + m[0].length, end);
    },
  });
  return spans.sort((a, b) => a[0] - b[0]).map((s) => s[1]);
}

describe.skipIf(presentBundles.length === 0)('real bundles: lexer spans equal acorn token spans', () => {
  if (presentBundles.length === 0) console.warn('no bundles in node_modules: lexer-vs-acorn bundle checks skipped');
  for (const b of presentBundles) {
    test(b.file, () => {
      const src = readFileSync(modules + b.file, 'utf8');
      const lexed = lexerSpans(src, b.sourceType);
      const parsed = acornSpans(src, b.sourceType);
      expect(lexed.errors).toBe(0);
      expect(parsed.length).toBeGreaterThan(500);
      expect(lexed.uncertain).toBe(false);
      expect(lexed.spans).toEqual(parsed);
    }, 30_000);
  }
});

// [description, code, grammar, asks]; every snippet is valid JavaScript in that grammar.
// `asks`: a slash follows `}`, `yield`, `await` (in a script) or `of`, which only the
// grammar can read, so the lexer must say it is unsure and the rewriter asks acorn.
const snippets: Array<[string, string, Grammar, boolean]> = [
  ['regex after `)` of if', 'if (a) /"/.test(s); "x"', 'script', false],
  ['regex after `)` of while', 'while (a) /\'/g.exec(s);', 'script', false],
  ['regex after `)` of for', 'for (;;) /`/.test(y); for (const k of o) /k/.test(k)', 'script', false],
  ['regex after `)` of for await', 'async function f() { for await (const x of y) /"/.test(x) }', 'script', false],
  ['regex after `)` of with', 'with (o) /"/.test(s)', 'script', false],
  ['division after `)` of a call', 'x = f(a) / 2 / "s"', 'script', false],
  ['division after `)` of a parenthesized expression', 'x = (a) / b / c; y = (if_) / 2 / "s"', 'script', false],
  ['division after `)` of a call named like a keyword', 'x = a.if(b) / 2 / "s"', 'script', false],
  ['regex after `}` of a block', '{} /"/.test(s); "x"', 'script', true],
  ['regex after `}` of an if block', 'if (a) {} /"/.test(s)', 'script', true],
  ['regex after `}` of a function declaration', 'function f() {}\n/"/g.test(s)', 'script', true],
  ['regex after `}` of a class declaration', 'class A {}\n/"/g.test(s)', 'script', true],
  ['division after `}` of an object literal', 'x = {} / 2 / "s"; y = {a: 1}.a / 2', 'script', true],
  ['division after `}` of a function expression', 'x = function () {} / 2 / "s"', 'script', true],
  ['division after `}` of a class expression', 'x = class {} / 2 / "s"', 'script', true],
  ['regex after `}` of an arrow body', 'x = () => {}\n/"/.test(s)', 'script', true],
  ['regex after `}` in a template substitution', 'x = `${ {a: 1}.a / 2 }${ ((a) => {})  }`', 'script', false],
  ['regex after return', 'function f() { return /"/.test(s) }', 'script', false],
  ['regex after return and a line break', 'function f() { return\n/"/.test(s) }', 'script', false],
  ['regex after typeof, void, delete, instanceof, in', 'x = typeof /"/; y = void /\'/; z = delete /`/.x; a instanceof /x/.constructor; "k" in /k/', 'script', false],
  ['regex after case, do, else, throw, new', 'switch (a) { case /"/.source: break } do /x/.test(s); while (0); if (a) ; else /x/.test(s); function t() { throw /x/ } new /x/.constructor()', 'script', false],
  ['regex after yield in a generator', 'function* g() { yield /"/; yield\n/x/g }', 'script', true],
  ['yield as an identifier in a sloppy script', 'var yield_ = 1, yield = 4; x = yield / 2 / "s"', 'script', true],
  ['regex after await in an async function', 'async function f() { await /"/.test(s) }', 'script', true],
  ['await as an identifier in a script', 'var await = 4; x = await / 2 / "s"', 'script', true],
  ['await at module top level', 'await /"/.test(s); export default /x/', 'module', false],
  ['regex after of in for-of', 'for (const x of /"/.exec(s) ?? []) ;', 'script', true],
  ['of as an identifier', 'var of = 4, g = 2; x = of / g / 1', 'script', true],
  ['keywords as property names', 'x = a.return / 2 / b.typeof / "s"; y = {return: 1, typeof: 2}', 'script', false],
  ['this and super', 'class A extends B { m() { return this / 2 / super.x / "s" } }', 'script', false],
  ['postfix increment', 'x = a++ / b / "s"; y = a-- / 2', 'script', false],
  ['postfix decrement before a line break', 'x = a--\n/b/c', 'script', false],
  ['prefix increment after a line break (ASI)', 'a\n++/"/.lastIndex', 'script', false],
  ['no ASI before a slash', 'x = a\n/re/g.exec(s)', 'script', false],
  ['ASI after a statement, then a regex', 'x = a;\n/"/.test(s)', 'script', false],
  ['division after a line break', 'let x = y\n/ z / w', 'script', false],
  ['chained division', 'x = y / z / w; u = y/z/w', 'script', false],
  ['division-assignment and a regex starting with =', 'let re = /=/; x /= 2 / "s"', 'script', false],
  ['comments between operand and slash', 'x = y /* c */ / z / w; u = y // c\n / z / w', 'script', false],
  ['regex after operators and punctuators', 'x = a ? /"/ : /\'/; f(/x/, [/y/], {k: /z/}); x = !/a/.test(s); x = a => /b/; lbl: /c/.test(s)', 'script', false],
  ['nested templates', 'x = `a${`b${c}d${"e"}`}f${ `${`${g}`}` }h`', 'script', false],
  ['template escapes', 'x = `\\`${x}\\${y}` + `\\u{41}`', 'script', false],
  ['invalid escape in a tagged template', 'x = tag`\\unicode and \\xerxes`', 'script', false],
  ['empty templates and chunks', 'x = `` + `${a}${b}` + `${``}`', 'script', false],
  ['HTML open comment in a script', 'x = 1 <!-- "not a string" /not a regex\n"y"', 'script', false],
  ['HTML close comment at a line start', 'x = 1\n--> "not a string"\n/* c */ --> also a comment "z"\n"y"', 'script', false],
  ['HTML-like sequences in a module', 'x = a <!--b; y = c-->d; "s"', 'module', false],
  ['hashbang', '#!/usr/bin/env node "not a string"\n"use strict"', 'script', false],
  ['hashbang in a module', '#!/usr/bin/env node\nexport const a = "x"', 'module', false],
  ['private fields', 'class A { #x = "s"; m(o) { return this.#x / 2 / (#x in o) } }', 'script', false],
  ['optional chaining', 'x = a?.b / 2 / a?.[0] / "s"; y = a?.5:1; z = a?.(/x/)', 'script', false],
  ['numeric separators and number forms', 'x = 1_000 / 2 / 0x1_F / 1e1_0 / .5 / 1.5e3 / 10n / 1..toString() / "s"', 'script', false],
  ['regex with a slash inside a class', 'x = /[/]/.test(s) + /[\\]/]/ + /a\\/b/ + /[/"]/g', 'script', false],
  ['regex flags', 'x = /a/dgimsy; y = /[\\p{L}--[a-z]]/v', 'script', false],
  ['strings with escapes and continuations', 'x = "a\\"b" + \'it\\\'s\' + "c\\\nd" + "\u2028"', 'script', false],
  ['unicode identifiers', 'x = ü / 2 / \\u0061 / "s"', 'script', false],
  ['a line separator is a line break', 'x = a\u2028/b/g', 'script', false],
  ['sourceMappingURL comment', 'x = 1\n//# sourceMappingURL=https://cdn.example.com/a.js.map', 'script', false],
  ['import.meta and dynamic import in a module', 'x = import.meta.url / 2 / "s"; import("./a.js")', 'module', false],
  ['contextual keywords as identifiers', 'var async = 1, get = 2, set = 3, static_ = 4; x = async / get / set / "s"', 'script', false],
  ['regex after `)` of a do-while (ASI)', 'do x(); while (a) /"/g.test(s)', 'script', false],
  ['HTML close comment after a multi-line block comment', 'x = 1 /*\n*/ --> comment "not a string"\n"y"', 'script', false],
  ['regex then division, division then regex', 'x = /a/g / 2 / "s"; y = a / /b/', 'script', false],
  ['regex after `}` of a class static block', 'class A { static {} }\n/"/.test(s)', 'script', true],
  ['let as an identifier in a sloppy script', 'var let = 1; x = let / 2 / "s"', 'script', false],
];

describe('hand-written snippets: the lexer is exact whenever it is sure, and says when it is not', () => {
  for (const [name, code, grammar, asks] of snippets) {
    test(`${name} (${grammar})`, () => {
      const parsed = acornSpans(code, grammar);
      const lexed = lexerSpans(code, grammar);
      expect(lexed.uncertain).toBe(asks);
      if (!asks) {
        expect(lexed.errors).toBe(0);
        expect(lexed.spans).toEqual(parsed);
      }
      // What the rewriter reads, sure or not: the parser's literals.
      const found = findLiterals(code, grammar);
      expect(found.by).toBe(asks ? 'parser' : 'lexer');
      expect(found.literals.toArray().map(([k, s, e]) => `${KIND[k]} ${s} ${e}`)).toEqual(parsed);
    });
  }
});
