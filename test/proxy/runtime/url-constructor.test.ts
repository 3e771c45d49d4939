import { describe, expect, it } from 'vitest';
import { createRewriter } from '../../../src/index.js';
import { runtimeConfigOf, runtimePrelude } from '../../../src/proxy/runtime/index.js';

// The same wrap in a scope without DOM (a worker's, as the prelude sees it), on Node's URL
// parser, which follows the same WHATWG standard: `//<twin>:<public port>:<digits>` is
// refused by the parser and repaired by the runtime; nothing else changes.
function workerScope(publicPort?: number): { URL: typeof URL } {
  const rw = createRewriter({ suffix: 'proxy.test', domains: ['*.example.com'], scheme: 'flat', publicScheme: 'https', publicPort });
  // A subclass stands for the scope's own URL, so Node's global one is never touched.
  const scope = { URL: class ScopeURL extends URL {}, location: { href: 'https://app-example-com.proxy.test:8443/worker.js' } };
  new Function('globalThis', runtimePrelude(runtimeConfigOf(rw)))(scope);
  return scope;
}

describe('client runtime: URL constructor in a worker scope', () => {
  it('repairs a doubled port on a twin, and only that', () => {
    const { URL: Wrapped } = workerScope(8443);
    expect(new Wrapped('https://api-example-com.proxy.test:8443:9000/a?b#c').href).toBe('https://api-example-com.proxy.test:8443/a?b#c');
    expect(new Wrapped('/p', 'https://api-example-com.proxy.test:8443:9000').href).toBe('https://api-example-com.proxy.test:8443/p');
    expect(Wrapped.canParse('wss://api-example-com.proxy.test:8443:1/')).toBe(true);
    expect(Wrapped.parse('//api-example-com.proxy.test:8443:1/', 'https://x.test/')?.href).toBe('https://api-example-com.proxy.test:8443/');
    // Another host under the suffix, the code's port first, or a valid URL: as the parser says.
    expect(() => new Wrapped('https://nope.proxy.test:8443:9000/')).toThrow(TypeError);
    expect(() => new Wrapped('https://api-example-com.proxy.test:9000:8443/')).toThrow(TypeError);
    expect(Wrapped.canParse('https://api-example-com.proxy.test:9000:8443/')).toBe(false);
    expect(Wrapped.parse('https://api-example-com.proxy.test:9000:8443/')).toBeNull();
    expect(new Wrapped('https://api.example.com:9000/').href).toBe('https://api.example.com:9000/');
    const url = new Wrapped('https://a.test/');
    expect(url).toBeInstanceOf(Wrapped);
    expect(url.constructor).toBe(Wrapped);
    expect(Object.getPrototypeOf(url)).toBe(Wrapped.prototype);
    // Node's own URL is untouched.
    expect(() => new URL('https://api-example-com.proxy.test:8443:9000/')).toThrow(TypeError);
  });

  it('without a public port there is nothing to repair and URL is not wrapped', () => {
    const scope = { URL: class ScopeURL extends URL {} };
    const original = scope.URL;
    new Function('globalThis', runtimePrelude(runtimeConfigOf(createRewriter({ suffix: 'proxy.test', domains: ['*.example.com'] }))))(
      Object.assign(scope, { location: { href: 'https://x.test/' } }),
    );
    expect(scope.URL).toBe(original);
  });
});
