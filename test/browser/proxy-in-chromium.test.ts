import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPolicy, openpgpProtector, type AuditEvent } from '../../src/files/index.js';
import { tempDir } from '../helpers/temp-dirs.js';
import { APP_ORIGIN, CALLBACK_URL, HOSTS, PROTECTED_DOMAINS, USER } from './app/acme.js';
import { PAYROLL_CSV, REPORT_DOCX } from './app/files-host.js';
import type { Received } from './app/host-server.js';
import { startAcme, type AcmeApp } from './app/start-acme.js';
import { allTexts, hasChromium, CHROMIUM, launchChromium, recordTraffic, type Traffic } from './harness/chromium.js';
import { ACME_POLICY, COPY_MESSAGE, PAYROLL_MESSAGE, UPLOAD_MESSAGE } from './harness/policy.js';
import { ERR_NAME_NOT_RESOLVED, NAVIGATION_ANNOTATION, readNetLog } from './harness/net-log.js';
import { PROXY_CERT_SPKI, startProxy, type RunningProxy } from './harness/proxy.js';

/**
 * The proxy end to end in a real Chromium: the Acme test app (five hosts, plain http on
 * 127.0.0.1) behind createProxyHandler on https (Chromium offers brotli and allows service
 * workers on secure origins only), a browser that can resolve nothing but `*.proxy.test`,
 * and every request on both sides recorded. Expectations come from what the app needs to
 * work (its hosts refuse what a browser talking to them directly would not send) and from
 * what the browser did, never from the proxy's own output.
 */
if (!hasChromium) console.warn(`proxy browser test skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);

const SUFFIX = 'proxy.test';
/** Set SPR_BROWSER_DEBUG=1 to print every request both sides saw. */
const DEBUG = Boolean(process.env.SPR_BROWSER_DEBUG);
/** Set SPR_SCREENSHOT=1 to write docs/proxy-screenshot.png (the page shows the run's port, so the file changes on every run). */
const SCREENSHOT = process.env.SPR_SCREENSHOT ? fileURLToPath(new URL('../../docs/proxy-screenshot.png', import.meta.url)) : null;

/** What a check of the page's script (app/assets/app.js) gives: the URL the browser used and the answer. */
interface CheckResult {
  ok: boolean;
  url?: string;
  value?: unknown;
  error?: string;
}
type Checks = Record<'fetch' | 'xhr' | 'image' | 'link' | 'websocket' | 'serviceWorker', CheckResult>;
/** The little of the page's globals the test reads (this tsconfig has no DOM lib); cast inside each page function. */
interface InPage {
  acmeChecks: Promise<Checks>;
  getComputedStyle(element: unknown): { backgroundColor: string };
  navigator: { clipboard: { readText(): Promise<string> } };
}

describe.skipIf(!hasChromium)('the proxy in Chromium: Acme Workspace on *.proxy.test', () => {
  let acme: AcmeApp;
  let proxy: RunningProxy;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let traffic: Traffic;
  let recordsKey: string;
  const audit: AuditEvent[] = [];
  const downloads = tempDir('spr-browser-');
  const netLog = join(downloads, 'chromium-net-log.json');
  /** Where the browser finds `host` + `path` through the proxy. */
  const via = (host: string, path = '/') => proxy.url(host, path);
  /** Whether the browser sent `url` to the proxy: a `*.proxy.test` host on the proxy's port. */
  const proxied = (url: string) => new URL(url).hostname.endsWith(`.${SUFFIX}`) && new URL(url).port === String(proxy.port);
  /** What the upstream `host` received at `method path` (the exact request target). */
  const upstream = (host: string, method: string, target: string): Received[] => acme.received.filter((r) => r.server === host && r.method === method && r.target === target);

  beforeAll(async () => {
    const key = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ name: 'Acme Records', email: 'records@acme.test' }], format: 'armored' });
    recordsKey = key.privateKey;
    const protectors = { openpgp: await openpgpProtector({ encryptionKeys: [key.publicKey] }) };
    acme = await startAcme();
    proxy = await startProxy(SUFFIX, (port) => ({
      rewriter: { suffix: SUFFIX, domains: PROTECTED_DOMAINS, publicScheme: 'https', publicPort: port, upstreamScheme: 'http' },
      resolve: acme.resolve,
      files: { policy: loadPolicy(structuredClone(ACME_POLICY)), protectors },
      audit: (event) => audit.push(event),
      runtime: true,
    }));
    browser = await launchChromium(SUFFIX, PROXY_CERT_SPKI, netLog);
    context = await browser.newContext({ acceptDownloads: true, serviceWorkers: 'allow', viewport: { width: 1100, height: 720 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(via(HOSTS.app)).origin });
    traffic = recordTraffic(context);
    page = await context.newPage();
  }, 60_000);

  afterAll(async () => {
    if (DEBUG) console.log(JSON.stringify({ received: acme.received.map(({ body, ...r }) => r), traffic }, null, 1));
    await browser?.close();
    await proxy?.close();
    await acme?.close();
  });

  it('signs in on the proxied login host (redirect_uri mapped back both ways) and lands in the proxied app', async () => {
    await page.goto(via(HOSTS.app));
    // The app sent the user to the provider with an absolute Location: it must be the provider's twin.
    expect(new URL(page.url()).host).toBe(new URL(via(HOSTS.login)).host);
    expect(new URL(page.url()).pathname).toBe('/authorize');
    await page.fill('#user', USER);
    await page.fill('#password', 'correct horse');
    await Promise.all([page.waitForURL(via(HOSTS.app)), page.click('#sign-in')]);

    expect(page.url()).toBe(via(HOSTS.app));
    await expect(page.locator('#who').innerText()).resolves.toBe(`Signed in as ${USER}`);
    // The provider saw its registered redirect URI in the query and in the posted form.
    const authorize = acme.received.find((r) => r.server === HOSTS.login && r.target.startsWith('/authorize?'));
    expect(new URL(authorize?.target ?? '', 'http://x').searchParams.get('redirect_uri')).toBe(CALLBACK_URL);
    const [login] = upstream(HOSTS.login, 'POST', '/login');
    expect(new URLSearchParams(login.body.toString('utf8')).get('redirect_uri')).toBe(CALLBACK_URL);
    // The session cookie the provider set for `.acme.test` came back to the app host.
    const [callback] = acme.received.filter((r) => r.server === HOSTS.app && r.target.startsWith('/callback?'));
    expect(callback.headers.cookie).toMatch(/(?:^|; )sid=[0-9a-f]{24}(?:;|$)/);
    const [sid] = (await context.cookies()).filter((c) => c.name === 'sid');
    expect(sid.domain).toBe(`.acme.test.${SUFFIX}`);
    expect(sid.httpOnly).toBe(true);
  });

  it('loads the static host\'s script (br), style and image (gzip) and runs the script', async () => {
    const served = (path: string) => upstream(HOSTS.static, 'GET', path).map((r) => r.encoding);
    expect(served('/app.js')).toEqual(['br']);
    expect(served('/app.css')).toEqual(['gzip']);
    expect(served('/logo.svg')).toEqual(['gzip']);
    // The style applied, the image decoded, the script ran (it fills the table).
    await expect(page.locator('header').evaluate((e) => (globalThis as unknown as InPage).getComputedStyle(e).backgroundColor)).resolves.toBe('rgb(47, 91, 211)');
    await expect(page.locator('#logo').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).resolves.toBe(40);
    await expect(page.locator('#checks tr').count()).resolves.toBe(6);
  });

  let checks: Checks;
  it('is signed in on the CORS API: the API sees the app\'s upstream origin and the session cookie', async () => {
    checks = await page.evaluate(() => (globalThis as unknown as InPage).acmeChecks);
    expect(checks.fetch).toMatchObject({ ok: true, value: { user: USER } });
    await expect(page.locator('#api-user').innerText()).resolves.toBe(USER);
    const [preflight] = upstream(HOSTS.api, 'OPTIONS', '/me');
    expect(preflight.headers.origin).toBe(APP_ORIGIN);
    const [me] = upstream(HOSTS.api, 'GET', '/me');
    expect(me.headers.origin).toBe(APP_ORIGIN);
    expect(me.headers.cookie).toMatch(/(?:^|; )sid=/);
  });

  it('sends every URL the page and its service worker build at run time through the proxy', async () => {
    expect(Object.entries(checks).filter(([, result]) => !result.ok)).toEqual([]);
    expect(checks.fetch.url).toBe(via(HOSTS.api, '/me'));
    expect(checks.xhr.url).toBe(via(HOSTS.api, '/items?n=2'));
    expect(checks.image.url).toBe(via(HOSTS.static, '/pixel.svg'));
    expect(checks.link.url).toBe(via(HOSTS.files, '/files/report.docx'));
    expect(checks.websocket.url).toBe(via(HOSTS.api, '/ws').replace(/^https:/, 'wss:'));
    expect(checks.serviceWorker.url).toBe(via(HOSTS.api, '/sw-ping'));
    // Upstream URLs in the answers (JSON over HTTP and over the WebSocket) name the twins.
    expect(checks.xhr.value).toMatchObject({ user: USER, items: [{ url: via(HOSTS.files, '/files/report.docx?v=1') }, { url: via(HOSTS.files, '/files/report.docx?v=2') }] });
    expect(checks.websocket.value).toEqual({ user: USER, echo: { hello: 'from the workspace' }, next: via(HOSTS.app, '/next') });
    expect(checks.serviceWorker.value).toEqual({ pong: true, home: via(HOSTS.app) });
    // Each reached its upstream host, with what that host demands.
    expect(upstream(HOSTS.api, 'GET', '/items?n=2')[0].headers.cookie).toMatch(/(?:^|; )sid=/);
    expect(upstream(HOSTS.static, 'GET', '/pixel.svg').map((r) => r.encoding)).toEqual(['br']);
    expect(upstream(HOSTS.api, 'UPGRADE', '/ws')[0].headers.origin).toBe(APP_ORIGIN);
    expect(upstream(HOSTS.api, 'GET', '/sw-ping')[0].headers.origin).toBe(APP_ORIGIN);
    // The browser saw the worker's own request (so "no request left the proxy" covers workers).
    expect(traffic.requests.filter((r) => r.byServiceWorker).map((r) => r.url)).toContain(via(HOSTS.api, '/sw-ping'));
  });

  it('blocks copying in the page with the rule\'s message, and audits the attempt', async () => {
    await page.locator('#secret').selectText();
    await page.keyboard.press('Control+C');
    await expect.poll(() => audit.filter((e) => e.type === 'activity-decision').length, { timeout: 5000 }).toBe(1);
    await expect(page.evaluate(() => (globalThis as unknown as InPage).navigator.clipboard.readText())).resolves.not.toContain('Globex');
    // The runtime's notice (in a closed shadow root) says the rule's message.
    await expect(allTexts(context, page)).resolves.toContain(COPY_MESSAGE);
    expect(audit.find((e) => e.type === 'activity-decision')).toMatchObject({ activity: 'copy', action: 'block', rule: 'No copying', appHost: HOSTS.app, url: `${APP_ORIGIN}/` });
  });

  it('shows the app through the proxy, signed in, with the runtime\'s notice (screenshot)', async () => {
    const file = SCREENSHOT ?? join(downloads, 'proxy-screenshot.png');
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1100);
  });

  /** URLs that turned into downloads: Chromium ends their requests as `net::ERR_ABORTED`, the one failure expected. */
  const downloaded: string[] = [];
  const download = async (selector: string): Promise<{ download: Download; bytes: Buffer }> => {
    const [got] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click(selector)]);
    downloaded.push(got.url());
    const file = join(downloads, got.suggestedFilename());
    await got.saveAs(file);
    return { download: got, bytes: readFileSync(file) };
  };

  it('delivers the payroll export as a blocked notice that holds the rule\'s message', async () => {
    expect(PAYROLL_CSV.toString()).toContain('123-45-6789'); // what the rule looks for
    const { download: got, bytes } = await download('#payroll');
    expect(got.url()).toBe(via(HOSTS.files, '/files/payroll.csv'));
    expect(got.suggestedFilename()).toBe('payroll.csv.blocked.txt');
    const text = bytes.toString('utf8');
    expect(text).toContain(PAYROLL_MESSAGE);
    expect(text.toLowerCase()).toContain('download restricted');
    expect(text).not.toContain('123-45-6789');
    expect(upstream(HOSTS.files, 'GET', '/files/payroll.csv')).toHaveLength(1);
    expect(audit).toContainEqual(expect.objectContaining({ type: 'file-decision', fileName: 'payroll.csv', action: 'block', rule: 'Payroll stays' }));
  });

  it('delivers the Word report encrypted to the records key, and the key opens it to the original bytes', async () => {
    const { download: got, bytes } = await download('#report');
    expect(got.url()).toBe(via(HOSTS.files, '/files/report.docx'));
    expect(got.suggestedFilename()).toBe('report.docx.pgp');
    expect(bytes.includes(REPORT_DOCX.subarray(0, 32))).toBe(false);
    const message = await openpgp.readMessage({ binaryMessage: new Uint8Array(bytes) });
    const { data } = await openpgp.decrypt({ message, decryptionKeys: await openpgp.readPrivateKey({ armoredKey: recordsKey }), format: 'binary' });
    expect(Buffer.from(data as Uint8Array).equals(REPORT_DOCX)).toBe(true);
    expect(audit).toContainEqual(expect.objectContaining({ type: 'file-decision', fileName: 'report.docx', action: 'protect', rule: 'Encrypt Word files' }));
  });

  it('refuses the spreadsheet upload at the proxy with the rule\'s message: it never reaches upstream', async () => {
    await page.setInputFiles('#upload-file', { name: 'contacts.csv', mimeType: 'text/csv', buffer: Buffer.from('name,phone\nalice,555-0100\n') });
    const [response] = await Promise.all([page.waitForResponse(via(HOSTS.app, '/upload'), { timeout: 10_000 }), page.click('#upload-send')]);
    expect(response.status()).toBe(403);
    await expect(response.text()).resolves.toContain(UPLOAD_MESSAGE);
    expect(traffic.requests.filter((r) => r.method === 'POST').map((r) => r.url)).toContain(via(HOSTS.app, '/upload'));
    expect(acme.received.filter((r) => r.target === '/upload')).toEqual([]);
    expect(audit).toContainEqual(expect.objectContaining({ type: 'file-decision', activity: 'upload', fileName: 'contacts.csv', action: 'block', rule: 'No spreadsheet uploads' }));
  });

  it('let no request leave the proxy: every one the browser made went to a *.proxy.test host on the proxy\'s port', async () => {
    const network = traffic.requests.filter((r) => /^(?:https?|wss?):/.test(r.url));
    expect(network.length).toBeGreaterThan(15);
    expect(network.filter((r) => !proxied(r.url))).toEqual([]);
    expect(traffic.webSockets.length).toBeGreaterThan(0);
    expect(traffic.webSockets.filter((url) => !proxied(url))).toEqual([]);
    // Nothing failed to resolve (an escape) or was refused as mixed content (an upstream http URL on the https page).
    expect(downloaded).toHaveLength(2);
    expect(traffic.failures.filter((f) => !(f.error === 'net::ERR_ABORTED' && downloaded.includes(f.url)))).toEqual([]);
    // The proxy's own endpoints stayed with the proxy.
    expect(acme.received.filter((r) => r.target.startsWith('/__spr/'))).toEqual([]);
    // Every upstream host was reached, each under its own name (else it answers 421).
    expect(new Set(acme.received.map((r) => r.server))).toEqual(new Set(Object.values(HOSTS)));
    expect(acme.received.filter((r) => r.host !== r.server)).toEqual([]);
  });

  it('let no request leave the proxy by Chromium\'s own network log either (favicons, redirects, workers, WebSockets)', async () => {
    await browser.close(); // writes the net log
    const log = readNetLog(netLog);
    // What the pages caused (an origin initiated it) and every navigation of the tab (typed, redirected, followed).
    const forPages = log.filter((r) => r.initiator !== 'not an origin' || r.annotation === NAVIGATION_ANNOTATION);
    expect(forPages.length).toBeGreaterThan(20);
    expect(forPages.filter((r) => !proxied(r.url))).toEqual([]);
    expect(forPages.map((r) => r.url)).toEqual(expect.arrayContaining([via(HOSTS.app, '/favicon.ico'), via(HOSTS.api, '/sw-ping'), via(HOSTS.api, '/ws').replace(/^https:/, 'wss:')]));
    // The rest is Chromium's own background services (updates, sign-in, autofill): the resolver rule failed each of them.
    expect(log.filter((r) => !proxied(r.url) && r.netError !== ERR_NAME_NOT_RESOLVED)).toEqual([]);
  });
});
