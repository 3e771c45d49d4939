import { parse, type Program } from 'acorn';
import fc from 'fast-check';
import vm from 'node:vm';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createPipeline, type ResponseExtras } from '../../src/pipeline/index.js';
import { createRewriter } from '../../src/rewriter.js';
import { runChunks, splitAt } from '../helpers/streams.js';
import { close, fetchVia, startProxy, startUpstream } from './exchange-support.js';

// A worker's prelude (the client runtime) goes after the directive prologue of scripts
// fetched as a worker's (Fetch destinations `worker`, `sharedworker`, `serviceworker`),
// so the script is as strict as it was. Expectations come from ECMA-262 (Directive
// Prologues, automatic semicolon insertion), with acorn as the reference parser and V8
// (node:vm) running the result.
const rw = createRewriter({ suffix: 'proxy.test', domains: ['acme-docs.com', '*.acme-docs.com'] });
const PRELUDE = 'globalThis.__prelude = (globalThis.__prelude || 0) + 1';
const INSERTED = `;${PRELUDE}\n;`;
const pipe = createPipeline(rw, { workerPrelude: PRELUDE });
const plainPipe = createPipeline(rw);

function transform(dest: string | undefined, type = 'text/javascript', coding?: string, extras?: ResponseExtras, p = pipe) {
  const headers: Record<string, string> = { 'content-type': type };
  if (coding) headers['content-encoding'] = coding;
  const plan = p.response({ method: 'GET', headers: dest === undefined ? {} : { 'sec-fetch-dest': dest } }, { status: 200, headers }, extras);
  if (plan.body === null) throw new Error('expected a body transform');
  return plan.body;
}

const run = async (script: string | Buffer, dest: string | undefined, type?: string) => (await runChunks(transform(dest, type), [Buffer.from(script)])).toString('utf8');

/** Runs a script in a fresh context: whether it ran strict (`this` in a plain call) and whether the prelude ran before it. */
function evaluate(source: string): { strict: boolean; preludeFirst: boolean; preludes: number } {
  const context = vm.createContext({});
  new vm.Script(source).runInContext(context);
  return vm.runInContext('({ strict: globalThis.strict, preludeFirst: globalThis.preludeFirst, preludes: globalThis.__prelude || 0 })', context);
}

const BODY = 'globalThis.preludeFirst = globalThis.__prelude === 1; globalThis.strict = (function () { return this === undefined; })();';

describe('the worker prelude', () => {
  it.each(['worker', 'sharedworker', 'serviceworker'])('is put at the start of a script fetched with Sec-Fetch-Dest: %s', async (dest) => {
    const out = await run(`fetch("https://api.acme-docs.com/v1"); ${BODY}`, dest);
    expect(out).toBe(`${INSERTED}fetch("https://api.acme-docs.com.proxy.test/v1"); ${BODY}`);
    expect(evaluate(out.replace('fetch(', 'void (')).preludes).toBe(1);
  });

  it.each([['script'], ['document'], ['iframe'], ['empty'], ['audioworklet'], ['paintworklet'], ['style'], [undefined], ['Worker'], ['']])('is not put into a script fetched as %s', async (dest) => {
    const script = `'use strict'; ${BODY}`;
    expect(await run(script, dest as string | undefined)).toBe(script);
  });

  it.each(['text/html', 'application/json', 'text/css', 'image/svg+xml'])('is not put into a %s body, even fetched as a worker', async (type) => {
    const body = type === 'application/json' ? '{"a":1}' : 'body { color: red }';
    expect(await run(body, 'worker', type)).toBe(body);
  });

  it.each(['text/plain', 'application/octet-stream', 'application/wasm'])('leaves a %s body alone (passed as it came)', (type) => {
    expect(pipe.response({ method: 'GET', headers: { 'sec-fetch-dest': 'worker' } }, { status: 200, headers: { 'content-type': type } }).body).toBeNull();
  });

  it('keeps "use strict" first: the script stays strict, and the prelude runs before it', async () => {
    for (const script of [`'use strict'; ${BODY}`, `"use strict"\n${BODY}`, `/* license */\n'use strict';\n// more\n${BODY}`, `'a';\n"use strict";${BODY}`]) {
      const out = await run(script, 'worker');
      expect(evaluate(script)).toEqual({ strict: true, preludeFirst: false, preludes: 0 });
      expect(evaluate(out)).toEqual({ strict: true, preludeFirst: true, preludes: 1 });
    }
    expect(await run(`'use strict'; ${BODY}`, 'worker')).toBe(`'use strict';${INSERTED} ${BODY}`);
    expect(await run(`'use strict'\n${BODY}`, 'worker')).toBe(`'use strict'${INSERTED}\n${BODY}`);
  });

  it('keeps a sloppy script sloppy, even when the prelude starts with "use strict" (as esbuild bundles do)', async () => {
    const strictPrelude = createPipeline(rw, { workerPrelude: `"use strict";${PRELUDE}` });
    const out = (await runChunks(transform('worker', undefined, undefined, undefined, strictPrelude), [Buffer.from(BODY)])).toString();
    expect(evaluate(BODY).strict).toBe(false);
    expect(evaluate(out)).toEqual({ strict: false, preludeFirst: true, preludes: 1 });
  });

  it('leaves a hashbang first', async () => {
    const out = await run(`#!/usr/bin/env node\n'use strict';\n${BODY}`, 'worker');
    expect(out).toBe(`#!/usr/bin/env node\n'use strict';${INSERTED}\n${BODY}`);
    expect(evaluate(out)).toEqual({ strict: true, preludeFirst: true, preludes: 1 });
    expect(await run('#!/bin/sh', 'worker')).toBe(`#!/bin/sh\n${INSERTED}`);
  });

  it('ends the prologue where ASI does: a string that an expression goes on from is no directive', async () => {
    // ECMA-262 §12.10: no semicolon is inserted where the next token can continue the expression.
    expect(await run(`'a'\n.length; ${BODY}`, 'worker')).toBe(`${INSERTED}'a'\n.length; ${BODY}`);
    expect(await run(`"use strict"\n+ 1; ${BODY}`, 'worker')).toBe(`${INSERTED}"use strict"\n+ 1; ${BODY}`);
    expect(await run(`"use strict"\ninstanceof Object; ${BODY}`, 'worker')).toBe(`${INSERTED}"use strict"\ninstanceof Object; ${BODY}`);
    expect(await run(`"use strict"\n!= 1; ${BODY}`, 'worker')).toBe(`${INSERTED}"use strict"\n!= 1; ${BODY}`);
    expect(await run(`"use strict" + 1; ${BODY}`, 'worker')).toBe(`${INSERTED}"use strict" + 1; ${BODY}`);
    // `++` after a line break, an identifier, `!x`: a new statement; the string was a directive.
    for (const next of ['++globalThis.n', 'inside: 0', '!0', '{}']) {
      const script = `"use strict"\n${next}; ${BODY}`;
      const out = await run(script, 'worker');
      expect(out).toBe(`"use strict"${INSERTED}\n${next}; ${BODY}`);
      expect(evaluate(out)).toMatchObject({ strict: true, preludeFirst: true });
    }
  });

  it('a module worker (import declarations after the prelude) still parses', async () => {
    const out = await run(`import { a } from './a.js';\nexport const b = a;`, 'worker');
    expect(out).toBe(`${INSERTED}import { a } from './a.js';\nexport const b = a;`);
    expect(() => parse(out, { ecmaVersion: 'latest', sourceType: 'module' })).not.toThrow();
  });

  it('is given per response by ResponseExtras.workerPrelude, in place of the pipeline\'s', async () => {
    const out = await runChunks(transform('serviceworker', undefined, undefined, { workerPrelude: 'self.own = 1' }), [Buffer.from(`'use strict';x()`)]);
    expect(out.toString()).toBe(`'use strict';;self.own = 1\n;x()`);
    const viaExtras = await runChunks(transform('worker', undefined, undefined, { workerPrelude: 'self.own = 2' }, plainPipe), [Buffer.from('x()')]);
    expect(viaExtras.toString()).toBe(';self.own = 2\n;x()');
    expect((await runChunks(transform('worker', undefined, undefined, undefined, plainPipe), [Buffer.from('x()')])).toString()).toBe('x()');
  });

  it('works under gzip and br: the decoded result is the identity result', async () => {
    const script = Buffer.from(`/*\u2028*/ "use strict"; fetch("https://app.acme-docs.com/"); ${BODY}`);
    const identity = await runChunks(transform('worker'), [script]);
    expect(gunzipSync(await runChunks(transform('worker', undefined, 'gzip'), [gzipSync(script)])).equals(identity)).toBe(true);
    expect(brotliDecompressSync(await runChunks(transform('worker', undefined, 'br'), [brotliCompressSync(script)])).equals(identity)).toBe(true);
    expect(identity.toString()).toContain(`"use strict";${INSERTED}`);
  });
});

describe('the worker prelude through a real exchange (node:http upstream, gzip and br)', () => {
  it('reaches the browser in the coded body of a service worker, not of the same script loaded by a page', async () => {
    const sw = Buffer.from(`'use strict';\nself.addEventListener('fetch', () => fetch('https://api.acme-docs.com/v1'));`);
    const upstream = await startUpstream({
      'app.acme-docs.com /sw.js': (req, res) => {
        const br = (req.headers['accept-encoding'] ?? '').includes('br');
        res.writeHead(200, { 'content-type': 'application/javascript', 'content-encoding': br ? 'br' : 'gzip', 'service-worker-allowed': 'https://app.acme-docs.com/' }).end(br ? brotliCompressSync(sw) : gzipSync(sw));
      },
    });
    const proxy = await startProxy(upstream.port, {}, { workerPrelude: PRELUDE });
    try {
      const expected = `'use strict';${INSERTED}\nself.addEventListener('fetch', () => fetch('http://api.acme-docs.com.proxy.test/v1'));`;
      for (const encoding of ['gzip', 'br']) {
        const got = await fetchVia(proxy.port, 'app.acme-docs.com.proxy.test', '/sw.js', { headers: { 'sec-fetch-dest': 'serviceworker', 'service-worker': 'script', 'accept-encoding': encoding } });
        expect(got.headers['content-encoding']).toBe(encoding);
        expect(got.body.toString()).toBe(expected);
        expect(got.headers['service-worker-allowed']).toBe('http://app.acme-docs.com.proxy.test/');
      }
      const asScript = await fetchVia(proxy.port, 'app.acme-docs.com.proxy.test', '/sw.js', { headers: { 'sec-fetch-dest': 'script' } });
      expect(asScript.body.toString()).toBe(expected.replace(INSERTED, ''));
    } finally {
      await close(proxy.server, upstream.server);
    }
  });
});

// Scripts built from the pieces a prologue scanner can stumble on: string statements with
// what may end them (white space and line breaks of every kind, comments, `;`), then a
// statement or operator that may or may not go on from the last string.
const STRINGS = ["'use strict'", '"use strict"', "'a'", '"b\\\n c"', "'x\\'y'", '"q\\\\"', "'\u2028'", "'é'"];
const GAPS = ['', ';', '\n', '\r\n', '\r', '\u2028', '\u2029', ' ', '\t', '\u00a0', '\u3000', '\ufeff', '/* c */', '/*\n*/', '/***/', '/*\u2028*/', '// c\n', '// c\u2029'];
const CODE = [
  'var x = 1;', 'x()', '(function(){})', '[1]', '.length', '+ 1', '++y', '--y', '+', '-', '!x', '!= 1', ' in o', 'instanceof Object', 'inx', 'in', 'é', '\u{1d49c}', '`t`',
  '/re/', '1', '{}', '/ 2', '#x', ';', 'fetch("https://api.acme-docs.com/")', ...STRINGS, ...GAPS,
];
const statement = fc.tuple(fc.constantFrom(...STRINGS), fc.array(fc.constantFrom(...GAPS), { maxLength: 3 })).map(([str, gaps]) => str + gaps.join(''));
const scripts = fc
  .tuple(fc.constantFrom('', '', '#!/bin/x\n', '#!/bin/x\u2028', '#!x', '\ufeff'), fc.array(statement, { maxLength: 4 }), fc.array(fc.constantFrom(...CODE), { maxLength: 5 }))
  .map(([head, prologue, tail]) => head + prologue.join('') + tail.join(''));

/** The directives of a program as acorn reads them; null when it is not a script. */
function directives(source: string): { values: string[]; end: number } | null {
  let program: Program;
  try {
    program = parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true });
  } catch {
    return null;
  }
  const values: string[] = [];
  let end = 0;
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || statement.directive === undefined) break;
    values.push(statement.directive);
    end = statement.end;
  }
  return { values, end };
}

describe('the worker prelude, any script, any chunking', () => {
  it('goes exactly after the prologue acorn reads, changes nothing else, and is chunk-invariant (identity, gzip)', async () => {
    await fc.assert(
      fc.asyncProperty(scripts, fc.array(fc.nat(300), { maxLength: 8 }), async (script, cuts) => {
        const bytes = Buffer.from(script, 'utf8');
        if (bytes.length === 0) {
          // Nothing is injected into nothing (an empty worker script fetches nothing).
          expect((await runChunks(transform('worker'), [])).length).toBe(0);
          return;
        }
        const plain = (await runChunks(transform('script'), [bytes])).toString('utf8');
        const whole = await runChunks(transform('worker'), [bytes]);
        expect((await runChunks(transform('worker'), splitAt(bytes, cuts))).equals(whole)).toBe(true);
        expect(gunzipSync(await runChunks(transform('worker', undefined, 'gzip'), splitAt(gzipSync(bytes), cuts))).equals(whole)).toBe(true);

        // The script otherwise unchanged: the output is the plain rewrite with the prelude at one place
        // (after a line break of its own when the script is only a hashbang line).
        const out = whole.toString('utf8');
        const hashbangOnly = plain.startsWith('#!') && !/[\n\r\u2028\u2029]/.test(plain);
        const inserted = (hashbangOnly ? '\n' : '') + INSERTED;
        const at = out.indexOf(inserted);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(out.slice(0, at) + out.slice(at + inserted.length)).toBe(plain);

        const before = directives(plain);
        if (before === null) return; // not a script: only chunking and the bytes are checked
        // Without directives: after the hashbang line, or after the BOM the decoder strips, or first.
        const start = hashbangOnly ? plain.length : plain.startsWith('#!') ? plain.search(/[\n\r\u2028\u2029]/) + 1 : plain.startsWith('\ufeff') ? 1 : 0;
        expect(at).toBe(before.values.length > 0 ? before.end : start);
        // Same directives, so the same strictness; and the result still parses.
        expect(directives(out)?.values).toEqual(before.values);
      }),
      // Two U+FEFF: the decoder strips the first (a BOM); the second is white space before the script.
      { numRuns: 400, examples: [['\ufeff\ufeff', []]] },
    );
  });
});
