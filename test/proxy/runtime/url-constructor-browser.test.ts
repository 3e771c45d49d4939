import { describe, expect, it } from 'vitest';
import { runtimeConfigOf } from '../../../src/proxy/runtime/index.js';
import { createRewriter } from '../../../src/index.js';
import { escapes, hasChromium, openRecorded, runtimeSuite } from './browser-support.js';

if (!hasChromium) console.warn('client runtime URL constructor tests skipped: /usr/bin/chromium is absent (apt-get install -y chromium)');

// The static rewriter gives a host piece the proxy's public port ('.example.com' becomes
// '.example.com.proxy.test:<port>'); code that adds its own port then parses
// `http://api.example.com.proxy.test:<port>:9000/…`, which the WHATWG URL parser refuses
// (a port is digits only). The runtime repairs exactly that shape on a proxied twin; every
// other input parses, or throws, as the platform's URL does, and valid URLs are not mapped.
const PAGE = String.raw`<script>
const port = Number(location.port);
const twin = 'api' + '.example.com.proxy.test:' + port;
const r = (window.results = {});
const attempt = (f) => { try { return f(); } catch (e) { return e.name + (e instanceof TypeError ? ':TypeError' : ''); } };
r.doubled = attempt(() => new URL('http://' + twin + ':9000/doubled?q=1#f').href);
r.relative = attempt(() => new URL('//' + twin + ':9000/relative', location.href).href);
r.base = attempt(() => new URL('/based', 'http://' + twin + ':9000').href);
r.canParse = [URL.canParse('http://' + twin + ':9000/x'), URL.canParse('//' + twin + ':9000/x', location.href), URL.canParse('http://a:1:2/')];
r.parse = [URL.parse('http://' + twin + ':9000/x')?.href, URL.parse('http://a:1:2/')];
// Not that shape, or not a twin: the parser's own answer.
r.otherHost = attempt(() => new URL('http://other.proxy.test:' + port + ':9000/').href);
r.otherPort = attempt(() => new URL('http://' + 'api.example.com.proxy.test:1:9000/').href);
r.trailing = attempt(() => new URL('http://' + twin + ':9000x/').href);
r.invalid = attempt(() => new URL('no scheme'));
r.call = attempt(() => URL('https://a.test/'));
// Valid URLs are never mapped.
r.protected = new URL('https://api.example.com:9000/v?x=1').href;
r.twinElsewhere = new URL('http://api.example.com.proxy.test:9000/').href;
// Still the platform's URL.
const u = new URL('https://a.test/p');
class Sub extends URL { get twice() { return this.pathname + this.pathname; } }
const sub = new Sub('http://' + twin + ':9000/sub');
r.identity = {
  instance: u instanceof URL, proto: Object.getPrototypeOf(u) === URL.prototype, ctor: u.constructor === URL,
  name: URL.name, length: URL.length, blob: URL.createObjectURL(new Blob(['x'])).startsWith('blob:'),
  sub: [sub instanceof Sub, sub instanceof URL, sub.twice, sub.href], native: Function.prototype.toString.call(URL).includes('[native code]'),
  search: new URL('https://a.test/?a=1').searchParams.get('a'),
};
fetch(new URL('http://' + twin + ':9000/fetched')).then((res) => (r.fetched = res.status), (e) => (r.fetched = String(e)));
</script>`;

describe.skipIf(!hasChromium)('client runtime in Chromium: the URL constructor with a doubled port', () => {
  const suite = runtimeSuite({ '/': PAGE });

  it('repairs only a doubled port on a twin; everything else is the platform URL', async () => {
    const { server } = suite;
    const port = server.port;
    server.config = runtimeConfigOf(createRewriter({ suffix: 'proxy.test', domains: ['*.example.com'], publicScheme: 'http', publicPort: port }));
    server.requests.length = 0;
    const { context, page, seen } = await openRecorded(suite.browser, `http://app.example.com.proxy.test:${port}/`);
    await page.waitForFunction('window.results.fetched !== undefined');
    const twin = `http://api.example.com.proxy.test:${port}`;
    expect(await page.evaluate('window.results')).toEqual({
      doubled: `${twin}/doubled?q=1#f`,
      relative: `${twin}/relative`,
      base: `${twin}/based`,
      canParse: [true, true, false],
      parse: [`${twin}/x`, null],
      otherHost: 'TypeError:TypeError',
      otherPort: 'TypeError:TypeError',
      trailing: 'TypeError:TypeError',
      invalid: 'TypeError:TypeError',
      call: 'TypeError:TypeError',
      protected: 'https://api.example.com:9000/v?x=1',
      twinElsewhere: 'http://api.example.com.proxy.test:9000/',
      identity: {
        instance: true, proto: true, ctor: true, name: 'URL', length: 1, blob: true,
        sub: [true, true, '/sub/sub', `${twin}/sub`], native: true, search: '1',
      },
      fetched: 200,
    });
    expect((await server.waitFor('/fetched'))?.host).toBe(`api.example.com.proxy.test:${port}`);
    expect(seen.filter(escapes)).toEqual([]);
    await context.close();
  }, 60_000);
});
