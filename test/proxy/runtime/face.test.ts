import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createRewriter } from '../../../src/index.js';
import { ACTIVITY_ENDPOINT, RUNTIME_PATH_PREFIX, runtimeConfigOf, runtimePrelude, runtimeSnippet, runtimeSource } from '../../../src/proxy/runtime/index.js';

describe('client runtime, Node side', () => {
  const rw = createRewriter({ suffix: 'Proxy.Test', domains: ['*.Example.com', 'bücher.example.org'], scheme: 'flat', publicScheme: 'http', publicPort: 8080 });

  it('configuration: the rewriter mapping, patterns normalized as the rewriter has them', () => {
    expect(runtimeConfigOf(rw)).toEqual({
      suffix: 'proxy.test',
      scheme: 'flat',
      domains: ['*.example.com', 'xn--bcher-kva.example.org'],
      publicScheme: 'http',
      publicPort: 8080,
      endpoint: '/__spr/activity',
    });
    expect(ACTIVITY_ENDPOINT.startsWith(RUNTIME_PATH_PREFIX)).toBe(true);
  });

  it('the bundle is under 10 KB gzipped', () => {
    const size = gzipSync(runtimeSource()).length;
    expect(size).toBeLessThan(10 * 1024);
  });

  it('the bundle is ASCII and holds nothing the snippet nonce or the HTML parser would read as a tag', () => {
    const source = runtimeSource();
    expect(source).toMatch(/^[\x09\x0a\x0d\x20-\x7e]*$/);
    expect(source).not.toMatch(/<\/?(script|style)|<!--/i);
  });

  it('snippet: one inline script; the configuration cannot close it and is ASCII', () => {
    const config = { ...runtimeConfigOf(rw), activities: { copy: { action: 'block' as const, message: '</script><script>alert(1)</script> — non\u2028', rule: 'r' } } };
    const snippet = runtimeSnippet(config);
    expect(snippet.startsWith('<script>')).toBe(true);
    expect(snippet.endsWith('</script>')).toBe(true);
    expect(snippet.match(/<\/script/gi)).toHaveLength(1);
    expect(snippet).toMatch(/^[\t\n\x20-\x7e]*$/);
    // The configuration survives the escaping: the prelude's argument parses back to it.
    const prelude = runtimePrelude(config);
    const literal = prelude.slice(prelude.lastIndexOf('})(') + 3, prelude.lastIndexOf(');'));
    expect(JSON.parse(literal)).toEqual(config);
  });

  it('prelude: runs in a scope without DOM (a worker) and maps what the scope has', () => {
    const prelude = runtimePrelude(runtimeConfigOf(createRewriter({ suffix: 'proxy.test', domains: ['*.example.com'] })));
    const seen: unknown[] = [];
    // A worker's global scope as far as the runtime looks: its URL and a fetch; no document.
    const scope: Record<PropertyKey, unknown> = { URL, location: { href: 'https://app.example.com.proxy.test/worker.js' }, fetch: (input: unknown) => seen.push(input) };
    new Function('globalThis', prelude)(scope);
    (scope.fetch as (u: string) => void)('https://API.example.com:8443/v1?q=1');
    (scope.fetch as (u: string) => void)('https://example.org/');
    (scope.fetch as (u: string) => void)('/relative');
    expect(seen).toEqual(['https://api.example.com.proxy.test:8443/v1?q=1', 'https://example.org/', '/relative']);
    // Installed once: a second prelude in the same scope wraps nothing twice.
    new Function('globalThis', prelude)(scope);
    (scope.fetch as (u: string) => void)('https://a.example.com/');
    expect(seen.at(-1)).toBe('https://a.example.com.proxy.test/');
  });
});
