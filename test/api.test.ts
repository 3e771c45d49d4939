import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SourceMapConsumer } from 'source-map-js';
import ts from 'typescript';
import {
  ConfigError,
  createRewriter,
  type HeadersInput,
  type HeadersOutput,
  type HtmlOptions,
  type JsOptions,
  type ResponseHeaderOptions,
  type Rewriter,
  type RewriteEvent,
  type RewriteEventOf,
  type RewriteEventType,
} from '../src/index.js';
import { runChunks } from './helpers/streams.js';

describe('createRewriter (the programmatic contract of DESIGN.md)', () => {
  const events: RewriteEvent[] = [];
  const rw = createRewriter({
    suffix: 'proxy.test',
    domains: ['example.com', '*.example.com'],
    publicScheme: 'http',
    publicPort: 8080,
    onEvent: (e) => events.push(e),
  });

  it('maps hosts and URLs both ways', () => {
    expect(rw.host('app.example.com')).toBe('app.example.com.proxy.test');
    expect(rw.host('other.org')).toBe('other.org');
    expect(rw.upstreamHost('app.example.com.proxy.test')).toBe('app.example.com');
    expect(rw.upstreamHost('evil.org.proxy.test')).toBeNull();
    expect(rw.url('https://app.example.com/a?b=1')).toBe('http://app.example.com.proxy.test:8080/a?b=1');
    expect(rw.url('https://other.org/')).toBe('https://other.org/');
    expect(rw.upstreamUrl('http://app.example.com.proxy.test:8080/a')).toBe('https://app.example.com/a');
  });

  it('has string helpers for every content type', () => {
    expect(rw.rewriteJson('{"u":"https://a.example.com/"}')).toBe('{"u":"http://a.example.com.proxy.test:8080/"}');
    expect(rw.rewriteJs('fetch("https://a.example.com/x")')).toBe('fetch("http://a.example.com.proxy.test:8080/x")');
    expect(rw.rewriteCss('a{background:url(https://a.example.com/i.png)}')).toBe('a{background:url(http://a.example.com.proxy.test:8080/i.png)}');
    expect(rw.rewriteHtml('<a href="https://a.example.com/">x</a>')).toBe('<a href="http://a.example.com.proxy.test:8080/">x</a>');
  });

  it('has Node Transform streams for every content type', async () => {
    const out = await runChunks(rw.js(), [Buffer.from('const u = "https://a.exa'), Buffer.from('mple.com/";')]);
    expect(out.toString()).toBe('const u = "http://a.example.com.proxy.test:8080/";');
    const html = await runChunks(rw.html(), [Buffer.from('<img src="//a.example.com/i.png">')]);
    expect(html.toString()).toBe('<img src="//a.example.com.proxy.test:8080/i.png">');
  });

  it('has Web TransformStream adapters', async () => {
    const input = new Blob(['{"u":"https://a.example.com/"}']).stream();
    const text = await new Response(input.pipeThrough(rw.webStream('json'))).text();
    expect(text).toBe('{"u":"http://a.example.com.proxy.test:8080/"}');
  });

  it('rewrites cookies and headers both ways', () => {
    // The public scheme is http, where browsers ignore Secure cookies: Secure goes.
    expect(rw.setCookie('sid=1; Domain=.example.com; Path=/; Secure')).toBe('sid=1; Domain=.example.com.proxy.test; Path=/');
    expect(rw.setCookie('sid=1; Domain=com')).toBeNull();
    expect(events.some((e) => e.type === 'cookie-refused')).toBe(true);
    const res = rw.responseHeaders(
      { location: 'https://app.example.com/next', 'set-cookie': ['a=1; Domain=example.com', 'b=2'], 'alt-svc': 'h3=":443"', 'content-length': '10' },
      { bodyChanged: true },
    );
    expect(res).toEqual({ location: 'http://app.example.com.proxy.test:8080/next', 'set-cookie': ['a=1; Domain=example.com.proxy.test', 'b=2'] });
    const req = rw.requestHeaders({ host: 'app.example.com.proxy.test:8080', origin: 'http://app.example.com.proxy.test:8080', cookie: 'a=1' });
    expect(req).toEqual({ host: 'app.example.com', origin: 'https://app.example.com', cookie: 'a=1' });
    expect(rw.requestTarget('/cb?return=http%3A%2F%2Fapp.example.com.proxy.test%3A8080%2F')).toBe('/cb?return=https%3A%2F%2Fapp.example.com%2F');
  });

  it('refuses a configuration that would proxy a public suffix', () => {
    expect(() => createRewriter({ suffix: 'proxy.test', domains: ['*.co.uk'] })).toThrow(ConfigError);
  });
});

describe('Web streams for every kind', () => {
  const rw = createRewriter({ suffix: 'proxy.test', domains: ['*.example.com'] });
  it.each([
    ['html', '<a href="https://a.example.com/">x</a>', '<a href="https://a.example.com.proxy.test/">x</a>'],
    ['js', 'f("https://a.example.com/")', 'f("https://a.example.com.proxy.test/")'],
    ['css', 'a{b:url(https://a.example.com/i.png)}', 'a{b:url(https://a.example.com.proxy.test/i.png)}'],
    ['json', '["https://a.example.com/"]', '["https://a.example.com.proxy.test/"]'],
  ] as const)('%s', async (kind, input, output) => {
    const bytes = Buffer.from(input);
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        // Two chunks split inside the host, to go through the stream's carry-over.
        c.enqueue(bytes.subarray(0, 14));
        c.enqueue(bytes.subarray(14));
        c.close();
      },
    });
    expect(await new Response(source.pipeThrough(rw.webStream(kind))).text()).toBe(output);
  });
});

describe('host() and upstreamHost() at the edges', () => {
  it('host() returns a protected host without a flat twin unchanged and reports it', () => {
    const events: RewriteEvent[] = [];
    const rw = createRewriter({ suffix: 'proxy.test', domains: ['*.example.com'], scheme: 'flat', onEvent: (e) => events.push(e) });
    // 60 + 12 characters fold into a 72-character label; DNS labels stop at 63 (RFC 1035).
    const long = 'a'.repeat(60) + '.example.com';
    expect(rw.host(long)).toBe(long);
    expect(events).toEqual([expect.objectContaining({ type: 'mapping-error', host: long })]);
    expect(rw.host('app.example.com')).toBe('app-example-com.proxy.test');
  });

  it('upstreamHost() takes a Host header value with the port requestHeaders strips', () => {
    const rw = createRewriter({ suffix: 'proxy.test', domains: ['*.example.com'] });
    for (const host of ['app.example.com.proxy.test:8080', 'app.example.com.proxy.test:443', 'app.example.com.proxy.test']) {
      expect(rw.upstreamHost(host)).toBe('app.example.com');
      expect(rw.requestHeaders({ host }).host).toBe(rw.upstreamHost(host));
    }
    for (const host of ['evil.org.proxy.test:8080', 'app.example.com:8080', '[::1]:8080', 'app.example.com.proxy.test:99999', 'app.example.com.proxy.test:']) {
      expect(rw.upstreamHost(host)).toBeNull();
    }
  });
});

describe('rewriteJsWithMap', () => {
  const rw = createRewriter({ suffix: 'proxy.test', domains: ['*.example.com'] });

  it('maps every output token back to its input position (read by source-map-js)', () => {
    const source = 'const a = "https://cdn.example.com/x.js";\nload(a, `//api.example.com/v1`, after);';
    const { code, map } = rw.rewriteJsWithMap(source, { source: 'in.js', file: 'out.js' });
    expect(code).toBe('const a = "https://cdn.example.com.proxy.test/x.js";\nload(a, `//api.example.com.proxy.test/v1`, after);');
    const consumer = new SourceMapConsumer(JSON.parse(map!.toString()));
    const lines = code.split('\n');
    const inLines = source.split('\n');
    // Tokens after an edit moved right in the output; the map must bring them home.
    for (const [line, token] of [[1, '/x.js'], [2, 'after'], [2, '/v1'], [1, 'const'], [2, 'load']] as const) {
      const pos = consumer.originalPositionFor({ line, column: lines[line - 1].indexOf(token) });
      expect(pos.source).toBe('in.js');
      expect(pos.line).toBe(line);
      expect(pos.column).toBe(inLines[line - 1].indexOf(token));
    }
    expect(consumer.sourceContentFor('in.js')).toBe(source);
  });

  it('gives no map when nothing changed', () => {
    expect(rw.rewriteJsWithMap('x = "https://other.org/"')).toEqual({ code: 'x = "https://other.org/"', map: null });
  });
});

describe('public types', () => {
  it('names every type of the public signatures', () => {
    // Compile-time checks: each line fails the typecheck if a type is not exported or wrong.
    const html: HtmlOptions = { charset: 'utf-8' };
    const js: JsOptions = { sourceType: 'module' };
    const input: HeadersInput = { 'set-cookie': ['a=1'] };
    const options: ResponseHeaderOptions = { bodyChanged: true };
    const rw: Rewriter = createRewriter({ suffix: 'proxy.test', domains: ['example.com'] });
    const output: HeadersOutput = rw.responseHeaders(input, options);
    expect([html, js, output]).toHaveLength(3);
  });

  it('narrows an event by its type', () => {
    const seen: string[] = [];
    const listener = (e: RewriteEvent) => {
      if (e.type === 'cookie-refused') {
        // `reason` is typed here: assigning it to a narrower union compiles only if it is.
        const reason: 'control-character' | 'public-suffix' | 'proxy-suffix' | 'mapping-error' | 'insecure-prefix' = e.reason;
        seen.push(reason);
      }
    };
    const rw = createRewriter({ suffix: 'proxy.test', domains: ['example.com'], onEvent: listener });
    rw.setCookie('a=1; Domain=com');
    expect(seen).toEqual(['public-suffix']);
    const one: RewriteEventOf<'mapping-error'> = { type: 'mapping-error', message: 'm', host: 'h' };
    // @ts-expect-error: a mapping-error without its host is not an event.
    const broken: RewriteEventOf<'mapping-error'> = { type: 'mapping-error', message: 'm' };
    expect([one, broken]).toHaveLength(2);
  });

  it('exports every named type that a public signature uses', () => {
    // Walks the declarations of everything src/index.ts exports (private members and
    // function bodies aside) and lists the interfaces, type aliases and classes they name
    // that a user cannot import.
    const index = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    const program = ts.createProgram([index], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, noEmit: true });
    const checker = program.getTypeChecker();
    const resolve = (s: ts.Symbol | undefined) => (s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
    const exported = new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(index)!)!).map(resolve));
    const missing = new Set<string>();
    const seen = new Set<ts.Symbol>();
    const isPrivate = (n: ts.Node) => ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.PrivateKeyword);
    const visitSymbol = (symbol: ts.Symbol | undefined) => {
      if (!symbol || seen.has(symbol)) return;
      seen.add(symbol);
      for (const d of symbol.declarations ?? []) {
        if (d.getSourceFile().fileName.includes('/node_modules/')) continue;
        const named = ts.isInterfaceDeclaration(d) || ts.isTypeAliasDeclaration(d) || ts.isClassDeclaration(d) || ts.isEnumDeclaration(d);
        if (named && !exported.has(symbol)) missing.add(`${symbol.name} (${relative(dirname(index), d.getSourceFile().fileName)})`);
        visitNode(d);
      }
    };
    const visitNode = (node: ts.Node): void => {
      if (ts.isBlock(node) || isPrivate(node)) return;
      if (ts.isTypeReferenceNode(node)) visitSymbol(resolve(checker.getSymbolAtLocation(node.typeName)));
      if (ts.isExpressionWithTypeArguments(node)) visitSymbol(resolve(checker.getSymbolAtLocation(node.expression)));
      ts.forEachChild(node, visitNode);
    };
    for (const symbol of exported) visitSymbol(symbol);
    expect([...missing]).toEqual([]);
  }, 30_000);

  it('lists every event type the source emits, and no other', () => {
    // The union lives in src/domain/events.ts; every `type: '…'` literal in src must be a
    // key there, and every key must be emitted somewhere.
    const src = fileURLToPath(new URL('../src/', import.meta.url));
    // The audit log's `file-decision` is a record of its own (FileAuditEvent), not a rewrite event.
    const files = (readdirSync(src, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts') && !f.startsWith('files/audit/'));
    const text = files.map((f) => readFileSync(join(src, f), 'utf8')).join('\n');
    const emitted = new Set([...text.matchAll(/\btype: '([a-z]+(?:-[a-z0-9]+)+)'/g)].map((m) => m[1]));
    // Latin1Processor reports `${kind}-error` for the kind it is built with.
    for (const m of text.matchAll(/new Latin1Processor\([^,]+, '([a-z-]+)'/g)) emitted.add(`${m[1]}-error`);
    const declared = new Set([...readFileSync(join(src, 'domain/events.ts'), 'utf8').matchAll(/^ {2}'([a-z0-9-]+)':/gm)].map((m) => m[1]));
    // The WebSocket proxy reports on its own channel (WebSocketEvent), declared as a union of its own.
    const websocket = new Set([...readFileSync(join(src, 'proxy/websocket/events.ts'), 'utf8').matchAll(/^ {2}\| '([a-z0-9-]+)'/gm)].map((m) => m[1]));
    const union: RewriteEventType[] = [...declared] as RewriteEventType[];
    expect([...emitted].filter((t) => !declared.has(t) && !websocket.has(t))).toEqual([]);
    expect(union.filter((t) => !emitted.has(t))).toEqual([]);
    expect([...websocket].filter((t) => !emitted.has(t))).toEqual([]);
    expect(websocket.size).toBeGreaterThan(0);
  });
});
