import { describe, expect, it } from 'vitest';
import { escapes, exampleConfig, hasChromium, openRecorded, runtimeSuite, TWIN_SCHEMES, withPolicyPage } from './browser-support.js';

if (!hasChromium) console.warn('client runtime srcdoc tests skipped: /usr/bin/chromium is absent (apt-get install -y chromium)');

// iframe srcdoc documents written at run time. Their markup names protected hosts (mapped
// as innerHTML's is), and their own scripts build URLs while they run, which only a
// runtime inside the srcdoc document can map: a srcdoc set through the property, through
// setAttribute, inside innerHTML markup, and one a srcdoc's own script writes.
const PAGE = String.raw`<div id="holder"></div>
<script>
const dom = ['exa', 'mple', '.', 'com'].join('');
const results = (window.results = {});
addEventListener('message', (e) => { if (e.data && e.data.frame) results[e.data.frame] = e.data; });
const tag = (name, body) => '<' + name + '>' + body + '</' + name + '>';
// A script for inside a srcdoc: builds its URL from pieces, then reports to the top window.
const code = (frame, path, more = '') =>
  tag('script', "const d = ['exa', 'mple', '.', 'com'].join(''); fetch('https://api.' + d + '" + path + "');" + more
    + "top.postMessage({ frame: '" + frame + "', mode: document.compatMode, doctype: document.doctype && document.doctype.name, body: document.body && document.body.dataset.x }, '*');");
const property = document.createElement('iframe');
property.srcdoc = '<!DOCTYPE html><html><body data-x="kept"><img src="https://static.' + dom + '/srcdoc-img.png">'
  + '<div style="width:8px;height:8px;background:url(https://static.' + dom + '/srcdoc-style.png)"></div>' + code('property', '/srcdoc-property');
document.body.append(property);
const attribute = document.createElement('iframe');
const nested = code('nested', '/srcdoc-nested').replace(/'/g, '&#39;');
attribute.setAttribute('srcdoc', '<textarea id=n>' + nested + '</textarea>' + code('attribute', '/srcdoc-attribute',
  "const i = document.createElement('iframe'); i.srcdoc = document.getElementById('n').value; document.body.append(i);"));
document.body.append(attribute);
const escaped = code('markup', '/srcdoc-markup').replace(/&/g, '&amp;').replace(/"/g, '&quot;');
document.getElementById('holder').innerHTML = '<iframe srcdoc="' + escaped + '"></iframe>';
</script>`;

const EXPECTED: Record<string, string> = {
  '/srcdoc-img.png': 'static', '/srcdoc-style.png': 'static', '/srcdoc-property': 'api', '/srcdoc-attribute': 'api',
  '/srcdoc-nested': 'api', '/srcdoc-markup': 'api',
};

// Under a nonce policy the srcdoc document inherits its parent's policy: the page gives its
// own srcdoc script the nonce, and the runtime put before it must carry the nonce too.
const CSP_PAGE = String.raw`<script>
const nonce = document.currentScript.nonce;
addEventListener('message', (e) => { if (e.data === 'csp') window.done = true; });
const frame = document.createElement('iframe');
frame.srcdoc = '<script nonce="' + nonce + '">fetch("https://api." + ["exa", "mple", ".", "com"].join("") + "/srcdoc-csp").finally(() => top.postMessage("csp", "*"));</' + 'script>';
document.body.append(frame);
</script>`;

describe.skipIf(!hasChromium)('client runtime in Chromium: iframe srcdoc set at run time', () => {
  const suite = runtimeSuite({ '/': PAGE, '/csp': CSP_PAGE });

  for (const { scheme, twin } of TWIN_SCHEMES) {
    it(`${scheme} scheme: srcdoc markup is mapped and its own scripts run with the runtime`, async () => {
      const { server } = suite;
      const port = server.port;
      server.config = exampleConfig(scheme, port);
      server.requests.length = 0;
      const { context, page, seen, failed } = await openRecorded(suite.browser, `http://${twin('app')}:${port}/`);
      await page.waitForFunction("['property', 'attribute', 'nested', 'markup'].every((f) => window.results[f])");

      for (const [path, sub] of Object.entries(EXPECTED)) expect((await server.waitFor(path))?.host, path).toBe(`${twin(sub)}:${port}`);
      const results = (await page.evaluate('window.results')) as Record<string, { mode: string; doctype: string | null; body?: string }>;
      // The doctype stays first (a srcdoc document is in no-quirks mode either way) and the body keeps its attributes.
      expect(results.property).toMatchObject({ mode: 'CSS1Compat', doctype: 'html', body: 'kept' });
      expect(results.attribute.mode).toBe('CSS1Compat');
      expect(seen.filter(escapes)).toEqual([]);
      expect(failed.filter(escapes)).toEqual([]);
      await context.close();
    }, 60_000);
  }

  it('under a nonce Content-Security-Policy the runtime in the srcdoc carries the nonce', async () => {
    await withPolicyPage(suite, '/csp', { nonce: 'n0nce-for-test' }, async ({ page, seen }, port) => {
      await page.waitForFunction('window.done === true');
      expect((await suite.server.waitFor('/srcdoc-csp'))?.host).toBe(`api.example.com.proxy.test:${port}`);
      expect(seen.filter(escapes)).toEqual([]);
    });
  }, 60_000);
});
