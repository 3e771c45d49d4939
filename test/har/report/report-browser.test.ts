import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditReportHtml } from '../../../src/har/report/index.js';
import { PROTECTED } from '../audit/entries.js';
import { sampleResult } from './sample.js';

// The report page in a real browser: Debian's Chromium, driven by playwright-core
// (CI installs it; see .ci/run). Skipped with a message where it is missing.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`report browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!hasChromium)('the HTML report in Chromium', () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'spr-report-'));
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the summary and the snippets as text, runs nothing and fetches nothing', async () => {
    const file = join(dir, 'report.html');
    writeFileSync(file, auditReportHtml(await sampleResult(), { file: 'capture.har', ...PROTECTED }));
    const url = pathToFileURL(file).href;
    const page = await browser.newPage();
    const requests: string[] = [];
    const dialogs: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });

    await expect(page.locator('#sum-entries').innerText()).resolves.toBe('4');
    await expect(page.locator('#sum-proxied').innerText()).resolves.toBe('3');
    await expect(page.locator('#sum-escapes').innerText()).resolves.toBe('3');
    await expect(page.locator('#verdict').innerText()).resolves.toBe('3 escapes in 2 of 3 proxied entries.');
    await expect(page.locator('#by-kind').innerText()).resolves.toContain('js-string');
    await expect(page.locator('#by-host').innerText()).resolves.toContain('app.example.com');

    // The snippet that holds a <script> is text on the page, not an element.
    const snippet = page.locator('#kind-js-string td.snippet').first();
    await expect(snippet.isVisible()).resolves.toBe(true);
    await expect(snippet.innerText()).resolves.toContain('<script>alert(1)</script>');
    await expect(page.locator('#kind-header td.value').first().innerText()).resolves.toContain('<img src=x onerror=alert(2)>');
    await expect(page.locator('script, img').count()).resolves.toBe(0);
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([url]);
    await page.close();
  }, 60_000);
});
