import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeConfig } from '../../../src/proxy/runtime/index.js';
import { escapes, hasChromium, launchChromium, startRuntimeServer, type RuntimeServer } from './browser-support.js';

if (!hasChromium) console.warn('client runtime browser tests skipped: /usr/bin/chromium is absent (apt-get install -y chromium)');

// A page that builds every URL at run time from pieces (no static rewrite can see a
// protected host in it) and hands it to each hook. Written for `https://`, as a real app
// would be: the runtime gives the proxy's public scheme and port.
const PAGE = String.raw`<iframe name="sink"></iframe><a id="link">link</a><form id="form"><button id="button">b</button></form>
<script>
const dom = ['exa', 'mple', '.', 'com'].join('');
const at = (sub, path) => 'https://' + sub + '.' + dom + path;
const results = (window.results = {});
const add = (el, parent = document.body) => (parent.append(el), el);
fetch(at('api', '/fetch-string'));
fetch(new URL(at('api', '/fetch-url')));
fetch(new Request(at('api', '/fetch-request'), { method: 'POST', body: 'r' }));
fetch('//api.' + dom + '/fetch-scheme-relative');
const xhr = new XMLHttpRequest(); xhr.open('GET', at('api', '/xhr')); xhr.send();
new WebSocket('wss://ws.' + dom + '/ws');
const es = new EventSource(at('api', '/sse')); es.onmessage = () => es.close();
navigator.sendBeacon(at('api', '/beacon'), 'b');
new Image().src = at('static', '/image.png');
add(document.createElement('img')).setAttribute('src', at('static', '/img-attribute.png'));
add(document.createElement('img')).srcset = at('static', '/srcset-1x.png') + ' 1x, ' + at('static', '/srcset-2x.png') + ' 2x';
const script = document.createElement('script'); script.src = at('static', '/script.js'); add(script, document.head);
const style = document.createElement('link'); style.rel = 'stylesheet'; style.href = at('static', '/style.css'); add(style, document.head);
add(document.createElement('iframe')).src = at('frame', '/iframe');
add(document.createElement('object')).data = at('static', '/object');
add(document.createElement('embed')).src = at('static', '/embed');
const svg = add(document.createElementNS('http://www.w3.org/2000/svg', 'svg'));
svg.append(document.createElementNS('http://www.w3.org/2000/svg', 'image'), document.createElementNS('http://www.w3.org/2000/svg', 'image'));
svg.children[0].setAttributeNS('http://www.w3.org/1999/xlink', 'xlink:href', at('static', '/svg-xlink.png'));
svg.children[1].setAttribute('href', at('static', '/svg-href.png'));
const form = document.getElementById('form'); form.method = 'post'; form.target = 'sink'; form.action = at('app', '/form-post');
const field = add(document.createElement('input'), form); field.name = 'a'; field.value = '1';
form.submit();
document.getElementById('button').formAction = at('app', '/form-action');
document.getElementById('link').href = at('app', '/link');
document.getElementById('link').ping = at('app', '/ping-1') + ' ' + at('api', '/ping-2');
const holder = add(document.createElement('div'));
holder.innerHTML = '<p><img alt="x" src="' + at('static', '/inner-html.png') + '"></p>';
holder.insertAdjacentHTML('beforeend', '<img src="' + at('static', '/adjacent-html.png') + '">');
add(document.createElement('iframe')).contentWindow.fetch(at('api', '/from-blank-frame'));
document.write('<img src="' + at('static', '/written.png') + '"><!-- // not.a.host -->');
add(document.importNode(new DOMParser().parseFromString('<img src="' + at('static', '/parsed.png') + '">', 'text/html').body.firstChild, true));
const attrNode = document.createAttribute('src'); attrNode.nodeValue = at('static', '/attr-node.png');
add(document.createElement('img')).setAttributeNode(attrNode);
const video = add(document.createElement('video')); video.src = at('media', '/video.mp4');
new Worker(at('app', '/worker.js'));
new SharedWorker(at('app', '/shared-worker.js'));
navigator.serviceWorker.register(at('app', '/service-worker.js'), { scope: at('app', '/') }).then(() => (results.sw = 'registered'), (e) => (results.sw = String(e)));
results.popup = !!window.open(at('popup', '/popup'));
history.pushState(null, '', at('app', '/pushed?x=1'));
results.pushed = location.href;
addEventListener('message', (e) => { if (e.data === 'pm') results.message = e.origin; });
postMessage('pm', 'https://app.' + dom);
document.cookie = 'kept=1; path=/; domain=.' + dom;
document.cookie = 'refused=1; path=/; domain=proxy.test';
results.cookie = document.cookie;
try { document.domain = dom; results.domain = 'set'; } catch (e) { results.domain = e.name; }
results.properties = {
  link: document.getElementById('link').href,
  ping: document.getElementById('link').ping,
  formAction: document.getElementById('button').formAction,
  srcset: document.querySelectorAll('img')[1].getAttribute('srcset'),
  video: video.src,
};
</script>`;

// Workers: built URLs from inside the worker, through the prelude.
const WORKER = String.raw`const dom = ['exa', 'mple', '.', 'com'].join('');
fetch('https://api.' + dom + '/from-worker');
importScripts('https://app.' + dom + '/imported.js');
const xhr = new XMLHttpRequest(); xhr.open('GET', 'https://api.' + dom + '/xhr-from-worker'); xhr.send();
new WebSocket('wss://ws.' + dom + '/ws-from-worker');`;
const SHARED_WORKER = String.raw`fetch('https://api.' + ['exa', 'mple', '.', 'com'].join('') + '/from-shared-worker');`;
const SERVICE_WORKER = String.raw`self.addEventListener('install', (e) => e.waitUntil(fetch('https://api.' + ['exa', 'mple', '.', 'com'].join('') + '/from-service-worker')));`;

/** Every path the page and its workers make the browser request, and the subdomain each goes to. */
const EXPECTED: Record<string, string> = {
  '/fetch-string': 'api', '/fetch-url': 'api', '/fetch-request': 'api', '/fetch-scheme-relative': 'api', '/xhr': 'api', '/ws': 'ws',
  '/sse': 'api', '/beacon': 'api', '/image.png': 'static', '/img-attribute.png': 'static', '/srcset-1x.png': 'static',
  '/script.js': 'static', '/style.css': 'static', '/iframe': 'frame', '/object': 'static', '/embed': 'static',
  '/svg-xlink.png': 'static', '/svg-href.png': 'static', '/form-post': 'app', '/worker.js': 'app', '/shared-worker.js': 'app',
  '/service-worker.js': 'app', '/popup': 'popup', '/from-worker': 'api', '/imported.js': 'app', '/xhr-from-worker': 'api',
  '/ws-from-worker': 'ws', '/from-shared-worker': 'api', '/from-service-worker': 'api', '/inner-html.png': 'static',
  '/adjacent-html.png': 'static', '/from-blank-frame': 'api', '/written.png': 'static', '/parsed.png': 'static', '/attr-node.png': 'static',
};

// Literal protected URLs the proxy would have rewritten (this test server rewrites
// nothing): they stand for whatever a hook misses. Navigations to them are caught by the
// Navigation API's navigate event and started again to the twin, a POST form included.
const STATIC_PAGE = `<a id="link" href="https://app.example.com/link-navigated">link</a>
<form id="form" method="post" action="https://app.example.com/form-navigated"><input name="a" value="1"><button id="submit">go</button></form>`;

const SCHEMES = [
  { scheme: 'suffix' as const, twin: (sub: string) => `${sub}.example.com.proxy.test` },
  { scheme: 'flat' as const, twin: (sub: string) => `${sub}-example-com.proxy.test` },
];

describe.skipIf(!hasChromium)('client runtime hooks in Chromium', () => {
  let server: RuntimeServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startRuntimeServer();
    server.pages.set('/', PAGE);
    for (const path of ['/nav', '/link-navigated', '/form-navigated']) server.pages.set(path, '<p>navigated</p>');
    server.pages.set('/static', STATIC_PAGE);
    server.workers.set('/worker.js', WORKER);
    server.workers.set('/shared-worker.js', SHARED_WORKER);
    server.workers.set('/service-worker.js', SERVICE_WORKER);
    browser = await launchChromium(SCHEMES.map((s) => `http://${s.twin('app')}:${server.port}`));
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const { scheme, twin } of SCHEMES) {
    it(`${scheme} scheme: every URL built at run time reaches the proxied host, none leaves`, async () => {
      const port = server.port;
      const origin = (sub: string): string => `http://${twin(sub)}:${port}`;
      server.config = { suffix: 'proxy.test', scheme, domains: ['example.com', '*.example.com'], publicScheme: 'http', publicPort: port, endpoint: '/__spr/activity' } satisfies RuntimeConfig;
      server.requests.length = 0;
      const context: BrowserContext = await browser.newContext();
      const seen: string[] = [];
      const failed: string[] = [];
      context.on('request', (r) => seen.push(r.url()));
      context.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
      const page = await context.newPage();
      await page.goto(`${origin('app')}/`);

      for (const [path, sub] of Object.entries(EXPECTED)) {
        const got = await server.waitFor(path);
        expect(got, `${path} reached the server`).toBeDefined();
        expect(got?.host, path).toBe(`${twin(sub)}:${port}`);
      }
      expect(server.requests.find((r) => r.path === '/form-post')?.method).toBe('POST');
      expect(server.requests.find((r) => r.path === '/fetch-request')?.body).toBe('r');

      const results = (await page.evaluate('window.results')) as Record<string, unknown>;
      expect(results.popup).toBe(true);
      expect(results.pushed).toBe(`${origin('app')}/pushed?x=1`);
      expect(results.message).toBe(origin('app'));
      expect(results.sw).toBe('registered');
      expect(results.cookie).toBe('kept=1');
      // suffix: Domain=.example.com became the twin's domain; flat: no domain covers two proxied hosts, so host-only.
      const cookies = (await context.cookies()).map((c) => [c.name, c.domain]);
      expect(cookies).toEqual([['kept', scheme === 'suffix' ? '.example.com.proxy.test' : twin('app')]]);
      // suffix: example.com.proxy.test is a suffix of the page's host; flat: not set, never thrown.
      expect(results.domain).toBe('set');
      expect(results.properties).toEqual({
        link: `${origin('app')}/link`,
        ping: `${origin('app')}/ping-1 ${origin('api')}/ping-2`,
        formAction: `${origin('app')}/form-action`,
        srcset: `${origin('static')}/srcset-1x.png 1x, ${origin('static')}/srcset-2x.png 2x`,
        video: `${origin('media')}/video.mp4`,
      });

      // location.href cannot be wrapped: the Navigation API's navigate event sends it to the twin.
      await page.evaluate("location.href = 'https://app.' + ['exa', 'mple', '.', 'com'].join('') + '/nav'");
      await page.waitForURL(`${origin('app')}/nav`);
      expect((await server.waitFor('/nav'))?.host).toBe(`${twin('app')}:${port}`);

      expect(seen.filter(escapes)).toEqual([]);
      expect(failed.filter(escapes)).toEqual([]);
      await context.close();
    }, 90_000);

    it(`${scheme} scheme: a navigation a hook missed (link, POST form) is cancelled and started again to the twin`, async () => {
      const port = server.port;
      const origin = (sub: string): string => `http://${twin(sub)}:${port}`;
      server.config = { suffix: 'proxy.test', scheme, domains: ['example.com', '*.example.com'], publicScheme: 'http', publicPort: port, endpoint: '/__spr/activity' };
      server.requests.length = 0;
      const context: BrowserContext = await browser.newContext();
      const seen: string[] = [];
      context.on('request', (r) => seen.push(r.url()));
      const page = await context.newPage();
      await page.goto(`${origin('app')}/static`);
      await page.click('#link');
      await page.waitForURL(`${origin('app')}/link-navigated`);
      await page.goBack();
      await page.click('#submit');
      await page.waitForURL(`${origin('app')}/form-navigated`);
      const post = await server.waitFor('/form-navigated');
      expect(post).toMatchObject({ method: 'POST', host: `${twin('app')}:${port}`, body: 'a=1' });
      expect(seen.filter(escapes)).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
