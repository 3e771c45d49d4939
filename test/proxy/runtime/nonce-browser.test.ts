import { describe, expect, it } from 'vitest';
import { escapes, hasChromium, runtimeSuite, withPolicyPage } from './browser-support.js';

if (!hasChromium) console.warn('client runtime nonce tests skipped: /usr/bin/chromium is absent (apt-get install -y chromium)');

const NONCE = 'cHJveHktbm9uY2UtdGVzdA==';

// A `script-src 'self'` page as the proxy serves it: the runtime's inline script is the
// only one with a nonce (the proxy's). A page library that copies a nonce onto the
// scripts it adds looks for one the way such libraries do; it must find none, so its
// inline script stays as forbidden as on the real site.
const PROBE = `const runtime = [...document.scripts].filter((s) => s.text.includes('__SPR_CONFIG__'));
const copied = document.querySelector('script[nonce]')?.nonce || [...document.scripts].map((s) => s.nonce).find(Boolean) || '';
window.probe = { copied, scripts: document.scripts.length, runtime: runtime.length };
addEventListener('securitypolicyviolation', (e) => { window.probe.violation = e.effectiveDirective; });
const script = document.createElement('script');
script.nonce = copied;
script.text = 'window.probe.reused = true;';
document.head.append(script);
fetch('http://api.' + ['exa', 'mple', '.', 'com'].join('') + '/nonce-fetch').finally(() => { window.probe.done = true; });
`;

describe.skipIf(!hasChromium)("client runtime in Chromium: the proxy's CSP nonce", () => {
  const suite = runtimeSuite({ '/': '<script src="/probe.js"></script>' });

  it('is on no element once the runtime has run, so a page script cannot reuse it', async () => {
    suite.server.scripts.set('/probe.js', PROBE);
    await withPolicyPage(suite, '/', { nonce: NONCE }, async ({ page, seen }, port) => {
      // Polled from here: waitForFunction's string predicate is an eval, which the page's policy refuses.
      await expect.poll(() => page.evaluate("window.probe?.done === true && ('violation' in window.probe || 'reused' in window.probe)"), { timeout: 10_000 }).toBe(true);
      // The page's script ran alone in the document; its copy of "the" nonce is empty and its inline script blocked.
      expect(await page.evaluate('window.probe')).toEqual({ copied: '', scripts: 1, runtime: 0, violation: 'script-src-elem', done: true });
      // The runtime still runs: the page's fetch of a protected host went to its twin.
      expect((await suite.server.waitFor('/nonce-fetch'))?.host).toBe(`api.example.com.proxy.test:${port}`);
      expect(await page.evaluate("window[Symbol.for('spr.runtime')] === true")).toBe(true);
      // Nothing in the document carries the nonce: no element's nonce, no attribute, no markup.
      const nonce = JSON.stringify(NONCE);
      const carriers = `[...document.querySelectorAll('*')].filter((e) => e.nonce === ${nonce} || [...e.attributes].some((a) => a.value.includes(${nonce}))).length`;
      expect(await page.evaluate(carriers)).toBe(0);
      expect(await page.evaluate(`document.documentElement.outerHTML.includes(${nonce})`)).toBe(false);
      expect(seen.filter(escapes)).toEqual([]);
    });
  }, 60_000);
});
