import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityControl, RuntimeConfig } from '../../../src/proxy/runtime/index.js';
import { hasChromium, launchChromium, startRuntimeServer, type RuntimeServer } from './browser-support.js';

if (!hasChromium) console.warn('client runtime activity tests skipped: /usr/bin/chromium is absent (apt-get install -y chromium)');

const PAGE = `<p id="secret">Top secret text</p><p id="other">Other words</p><textarea id="area">cut me</textarea>
<script>
  // The page's own clipboard handler: must never run for a blocked activity.
  document.addEventListener('copy', () => { window.pageHandlerRan = true; });
</script>`;
const ORIGIN_HOST = 'app.example.com.proxy.test';

const block = (rule: string, message: string): ActivityControl => ({ action: 'block', message, rule });
const monitor = (rule: string): ActivityControl => ({ action: 'monitor', message: '', rule });

describe.skipIf(!hasChromium)('client runtime activity controls in Chromium', () => {
  let server: RuntimeServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let origin: string;

  const configure = (activities: RuntimeConfig['activities'] | undefined): void => {
    server.config = { suffix: 'proxy.test', scheme: 'suffix', domains: ['*.example.com'], publicScheme: 'http', publicPort: server.port, activities, endpoint: '/__spr/activity' };
  };
  /** The activity events the proxy got, oldest first. */
  const events = (): unknown[] => server.requests.filter((r) => r.path === '/__spr/activity').map((r) => JSON.parse(r.body));
  const waitForEvents = async (count: number): Promise<unknown[]> => {
    for (let i = 0; i < 200 && events().length < count; i++) await new Promise((r) => setTimeout(r, 25));
    return events();
  };
  const select = (id: string): Promise<unknown> => page.evaluate(`getSelection().selectAllChildren(document.getElementById('${id}'))`);
  const clipboard = (): Promise<unknown> => page.evaluate('navigator.clipboard.readText()');

  beforeAll(async () => {
    server = await startRuntimeServer();
    server.pages.set('/', PAGE);
    origin = `http://${ORIGIN_HOST}:${server.port}`;
    // The async Clipboard API (used here to read what was copied) needs a secure context.
    browser = await launchChromium([origin]);
    context = await browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    // Runs before the page's (and the runtime's) first script: sees the event first, keeps it to look at later.
    await context.addInitScript('addEventListener("copy", (e) => { window.firstCopyEvent = e; }, true); addEventListener("keydown", (e) => { window.lastKeydown = e; }, true);');
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('copy monitored: the selection is copied and the proxy gets the event', async () => {
    configure({ copy: monitor('watch-copy') });
    server.requests.length = 0;
    await page.goto(`${origin}/`);
    await select('secret');
    await page.keyboard.press('Control+C');
    expect(await waitForEvents(1)).toEqual([{ activity: 'copy', url: `${origin}/`, rule: 'watch-copy' }]);
    expect(await clipboard()).toBe('Top secret text');
    expect(await page.evaluate('window.pageHandlerRan')).toBe(true);
  }, 30_000);

  it('copy blocked: Ctrl+C is cancelled, the clipboard keeps what it had, the message shows, the proxy gets the event', async () => {
    configure({ copy: block('no-copy', 'Copying is blocked by policy') });
    server.requests.length = 0;
    await page.goto(`${origin}/?blocked`);
    await select('other');
    await page.keyboard.press('Control+C');
    expect(await waitForEvents(1)).toEqual([{ activity: 'copy', url: `${origin}/?blocked`, rule: 'no-copy' }]);
    expect(await page.evaluate('window.firstCopyEvent.defaultPrevented')).toBe(true);
    expect(await page.evaluate('window.pageHandlerRan')).toBeUndefined();
    expect(await clipboard()).toBe('Top secret text');
    expect(await page.locator('spr-notice').count()).toBe(1);
    // The async Clipboard API is gated too (it fires no copy event).
    expect(await page.evaluate('navigator.clipboard.writeText("x").then(() => "written", (e) => e.name)')).toBe('NotAllowedError');
    expect(await clipboard()).toBe('Top secret text');
    expect(await waitForEvents(2)).toHaveLength(2);
  }, 30_000);

  it('cut monitored and paste blocked in a text field', async () => {
    configure({ cut: monitor('watch-cut'), paste: block('no-paste', 'Pasting is blocked') });
    server.requests.length = 0;
    await page.goto(`${origin}/`);
    await page.focus('#area');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+X');
    expect(await page.inputValue('#area')).toBe('');
    // This page cannot read the clipboard (paste is blocked), a page without controls can: the cut text is there.
    configure(undefined);
    const other = await context.newPage();
    await other.goto(`${origin}/?other`);
    expect(await other.evaluate('navigator.clipboard.readText()')).toBe('cut me');
    await other.close();
    await page.bringToFront();
    await page.focus('#area');
    await page.keyboard.press('Control+V');
    expect(await page.evaluate('navigator.clipboard.readText().then(() => "read", (e) => e.name)')).toBe('NotAllowedError');
    expect(await waitForEvents(3)).toEqual([
      { activity: 'cut', url: `${origin}/`, rule: 'watch-cut' },
      { activity: 'paste', url: `${origin}/`, rule: 'no-paste' },
      { activity: 'paste', url: `${origin}/`, rule: 'no-paste' },
    ]);
    expect(await page.inputValue('#area')).toBe('');
    expect(await page.locator('spr-notice').count()).toBe(1); // one notice at a time, the latest
  }, 30_000);

  it('print blocked: window.print() and Ctrl+P do nothing but report; printed, the page shows only the message', async () => {
    configure({ print: block('no-print', 'Printing is blocked "by policy"') });
    server.requests.length = 0;
    await page.goto(`${origin}/`);
    await page.evaluate('print()');
    await page.keyboard.press('Control+P');
    // Chromium lets a page take Ctrl+P: cancelled, no print dialog.
    expect(await page.evaluate('window.lastKeydown.key.toLowerCase() + " " + window.lastKeydown.defaultPrevented')).toBe('p true');
    expect(await waitForEvents(2)).toEqual([
      { activity: 'print', url: `${origin}/`, rule: 'no-print' },
      { activity: 'print', url: `${origin}/`, rule: 'no-print' },
    ]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate('getComputedStyle(document.body).display')).toBe('none');
    expect(await page.evaluate('getComputedStyle(document.documentElement, "::before").content')).toBe('"Printing is blocked \\"by policy\\""');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.evaluate('getComputedStyle(document.body).display')).toBe('block');
  }, 30_000);
});
