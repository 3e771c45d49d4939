import fc from 'fast-check';

// What the client host-mapping properties draw from: configurations as the rewriter takes
// them, hosts the URL parser reads (protected, lookalikes, twins, IDN) and URLs around them.

export const PATTERNS = ['example.com', '*.example.com', 'app.example.org', '*.xn--bcher-kva.example', 'a-b.example.net', '*.a-b.example.net', '*.deep.x.example.io'];
const LABELS = ['example', 'com', 'app', 'EXAMPLE', 'Com', 'a-b', 'evil', 'org', 'net', 'io', 'x', 'deep', 'xn--bcher-kva', 'bücher', 'BÜCHER', 'proxy', 'test', 'notexample', 'community', 'www', 'api-v2', 'a'.repeat(40)];
const SPECIAL_HOSTS = [
  'example.com', 'app.example.com', 'App.Example.COM', 'app.example.com.', 'example.com.evil.org', 'notexample.com', 'example.community',
  'example.com.proxy.test', 'app-example-com.proxy.test', 'sub.app.example.org', 'bücher.example', 'a.bücher.example', 'x.a-b.example.net',
  'app.example.org.proxy.test', 'a--b-example-net.proxy.test', '127.0.0.1', '[::1]', 'example.com%2eevil.org',
];

export interface MappingOptions {
  suffix: string;
  scheme: 'suffix' | 'flat';
  domains: string[];
  publicScheme: 'http' | 'https' | undefined;
  publicPort: number | undefined;
}

export const config: fc.Arbitrary<MappingOptions> = fc.record({
  suffix: fc.constantFrom('proxy.test', 'p.corp.example.net', 'Proxy.Test'),
  scheme: fc.constantFrom('suffix' as const, 'flat' as const),
  domains: fc.subarray(PATTERNS, { minLength: 1 }),
  publicScheme: fc.option(fc.constantFrom('http' as const, 'https' as const), { nil: undefined }),
  publicPort: fc.option(fc.constantFrom(80, 443, 8080), { nil: undefined }),
});

export const host = fc.oneof(fc.constantFrom(...SPECIAL_HOSTS), fc.array(fc.constantFrom(...LABELS), { minLength: 1, maxLength: 5 }).map((l) => l.join('.')));

/** Everything before the host of a URL; `ftp` and `ssh` are not the runtime's. */
export const schemes = fc.constantFrom('http://', 'https://', 'ws://', 'wss://', 'HTTPS://', '//', 'ftp://', 'ssh://');
export const userinfo = fc.constantFrom('', 'user:pw@');
export const paths = fc.constantFrom('', '/', '/a/b?x=1#f', '/?q=example.com');

export const url = fc
  .record({ scheme: schemes, userinfo, host, port: fc.constantFrom('', ':8443', ':1', ':65535'), path: paths })
  .map((p) => p.scheme + p.userinfo + p.host + p.port + p.path);

/** The URL of a proxied page: served on the proxy's public scheme and port (a scheme-relative URL takes them). */
export function pageUrl(options: { publicScheme?: string; publicPort?: number }): string {
  return `${options.publicScheme ?? 'https'}://page.proxy.test${options.publicPort === undefined ? '' : ':' + options.publicPort}/dir/`;
}

/** The URL the browser reads, or null where its parser refuses the value. */
export function parsed(value: string, base: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}
