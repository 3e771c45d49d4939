import { describe, expect, it } from 'vitest';
import { escapes, hasChromium, runtimeSuite, withPolicyPage } from './browser-support.js';

if (!hasChromium) console.warn('client runtime Trusted Types tests skipped: /usr/bin/chromium is absent (apt-get install -y chromium)');

// Policies a page creates under `require-trusted-types-for 'script'`: what they make is
// mapped when it is made (the sinks take Trusted Types objects as they are), the rest of
// the Trusted Types API behaves as the platform's (W3C Trusted Types: createPolicy reads
// the rules as a WebIDL dictionary, the default policy's null refuses a string).
const PAGE = String.raw`<script>
const dom = ['exa', 'mple', '.', 'com'].join('');
const at = (sub, path) => 'http://' + sub + '.' + dom + path;
const twin = (url) => url.replace(dom, dom + '.proxy.test:' + location.port);
const r = (window.results = {});
const reads = [];
const rule = (name, fn) => ({ get() { reads.push(name); return fn; } });
const rules = Object.defineProperties({}, {
  createScriptURL: rule('createScriptURL', (s) => s),
  createHTML: rule('createHTML', (s, extra) => (extra === 'number' ? 42 : s)),
  createScript: rule('createScript', (s) => s),
});
const page = trustedTypes.createPolicy('page', rules);
r.reads = reads;
r.name = page.name;
const html = (s, extra) => String(page.createHTML(s, extra));
r.plain = html('<p class="x">plain</p>');
r.image = html('<img src="' + at('static', '/a.png') + '">') === '<img src="' + twin(at('static', '/a.png')) + '">';
// A script's src inside the markup: under Trusted Types a string may not be set there, so it is dropped, never left naming the host.
r.scriptSrc = html('<script src="' + at('static', '/s.js') + '"></' + 'script>');
r.nonString = html('x', 'number');
r.scriptUrl = String(page.createScriptURL(at('static', '/lib.js'))) === twin(at('static', '/lib.js'));
r.relativeUrl = String(page.createScriptURL('lib.js'));
const code = "fetch('" + at('api', '/code') + "')";
r.scriptKept = String(page.createScript(code)) === code;
try { trustedTypes.createPolicy('other', {}); r.other = 'made'; } catch (e) { r.other = e.name; }
const refused = (s) => !s.includes('refuse');
trustedTypes.createPolicy('default', { createHTML: (s) => (refused(s) ? s : null), createScriptURL: (s) => s });
const box = document.body.appendChild(document.createElement('div'));
box.innerHTML = '<img src="' + at('static', '/default.png') + '">';
try { box.innerHTML = 'refuse'; r.defaultNull = 'set'; } catch (e) { r.defaultNull = e.name; }
const frame = document.createElement('iframe');
frame.srcdoc = page.createHTML('<!doctype html><body><img src="' + at('static', '/srcdoc.png') + '">');
document.body.append(frame);
document.body.append(Object.assign(document.createElement('script'), { src: page.createScriptURL(at('static', '/lib.js')) }));
r.done = true;
</script>`;

const EXPECTED = {
  reads: ['createHTML', 'createScript', 'createScriptURL'],
  name: 'page',
  plain: '<p class="x">plain</p>',
  image: true,
  scriptSrc: '<script></script>',
  nonString: '42',
  scriptUrl: true,
  relativeUrl: 'lib.js',
  scriptKept: true,
  // The page's allowlist names `page` and `default` only: the runtime adds no name of its own.
  other: 'TypeError',
  defaultNull: 'TypeError',
  done: true,
};

describe.skipIf(!hasChromium)('client runtime in Chromium: Trusted Types policies of the page', () => {
  const suite = runtimeSuite({ '/': PAGE });

  it('what the policies make names the twins; names, the allowlist and createScript are the page\'s', async () => {
    const policy = "require-trusted-types-for 'script'; trusted-types page default";
    await withPolicyPage(suite, '/', { policy }, async ({ page, seen, failed }, port) => {
      // Polled from here: waitForFunction's string predicate is an eval, a sink Trusted Types guard.
      await expect.poll(() => page.evaluate('window.results.done === true')).toBe(true);
      expect(await page.evaluate('window.results')).toEqual(EXPECTED);
      for (const path of ['/default.png', '/srcdoc.png', '/lib.js']) expect((await suite.server.waitFor(path))?.host, path).toBe(`static.example.com.proxy.test:${port}`);
      expect(seen.filter(escapes)).toEqual([]);
      expect(failed.filter(escapes)).toEqual([]);
    });
  }, 60_000);
});
