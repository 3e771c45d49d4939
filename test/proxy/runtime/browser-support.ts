import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { WebSocketServer } from 'ws';
import { runtimePrelude, runtimeSnippet, type RuntimeConfig } from '../../../src/proxy/runtime/index.js';

// A stand-in for the proxy in the runtime's browser tests: one node:http server on
// 127.0.0.1 answers every proxied host (Chromium maps *.proxy.test there and nothing else
// resolves), serves pages with the runtime injected and records every request it gets.

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** One request as the server saw it. */
export interface Recorded {
  readonly method: string;
  readonly host: string;
  readonly path: string;
  readonly body: string;
}

export interface RuntimeServer {
  readonly port: number;
  readonly requests: Recorded[];
  /** Pages by path: the body of the page's `<body>` (the runtime goes first in `<head>`). */
  readonly pages: Map<string, string>;
  /** Worker scripts by path (the prelude goes first). */
  readonly workers: Map<string, string>;
  /** The pages' own same-origin scripts by path, served as they are. */
  readonly scripts: Map<string, string>;
  /** The configuration the injected runtime gets; set per test. */
  config: RuntimeConfig | undefined;
  /**
   * When set, pages carry `Content-Security-Policy: script-src 'self' 'nonce-…'` and each
   * bare `<script>` in them (the runtime's too) this nonce; `<script src>` tags get none.
   */
  nonce: string | undefined;
  /** When set, pages carry this Content-Security-Policy as well (a second header when there is a nonce). */
  policy: string | undefined;
  /** Waits until a request for `path` arrived (or gives up after `ms`). */
  waitFor(path: string, ms?: number): Promise<Recorded | undefined>;
  close(): Promise<void>;
}

export async function startRuntimeServer(): Promise<RuntimeServer> {
  const requests: Recorded[] = [];
  const pages = new Map<string, string>();
  const workers = new Map<string, string>();
  const scripts = new Map<string, string>();
  const wss = new WebSocketServer({ noServer: true });
  const record = (req: IncomingMessage, body: string): void => {
    requests.push({ method: req.method ?? '', host: req.headers.host ?? '', path: req.url ?? '', body });
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      record(req, Buffer.concat(chunks).toString('utf8'));
      const path = (req.url ?? '/').split('?')[0];
      const config = state.config;
      const page = pages.get(path);
      const worker = workers.get(path);
      const script = scripts.get(path);
      if (page !== undefined && config) {
        const nonce = state.nonce;
        const html = `<!doctype html><html><head>${runtimeSnippet(config)}<meta charset="utf-8"><title>t</title></head><body>${page}</body></html>`;
        const policies = [...(nonce === undefined ? [] : [`script-src 'self' 'nonce-${nonce}'`]), ...(state.policy === undefined ? [] : [state.policy])];
        if (policies.length > 0) res.setHeader('content-security-policy', policies);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(nonce === undefined ? html : html.replaceAll('<script>', `<script nonce="${nonce}">`));
      } else if (script !== undefined) {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
        res.end(script);
      } else if (worker !== undefined && config) {
        res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store', 'service-worker-allowed': '/' });
        res.end(runtimePrelude(config) + worker);
      } else if (path.endsWith('/sse')) {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end('data: hi\n\n');
      } else if (path.endsWith('.js')) {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        res.end(`self.loaded = (self.loaded || []).concat(${JSON.stringify(path)});`);
      } else if (path.startsWith('/__spr/')) {
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
        res.end('ok');
      }
    });
  });
  server.on('upgrade', (req, socket, head) => {
    record(req, '');
    wss.handleUpgrade(req, socket, head, (ws) => ws.close());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const state: RuntimeServer = {
    port: (server.address() as AddressInfo).port,
    requests,
    pages,
    workers,
    scripts,
    config: undefined,
    nonce: undefined,
    policy: undefined,
    async waitFor(path, ms = 10_000) {
      const end = Date.now() + ms;
      for (;;) {
        const found = requests.find((r) => r.path.split('?')[0] === path);
        if (found || Date.now() > end) return found;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}

/** Chromium that reaches *.proxy.test on 127.0.0.1 and nothing else (a request that escapes fails by NOTFOUND). */
export function launchChromium(secureOrigins: readonly string[] = []): Promise<Browser> {
  const args = [...FLAGS, '--host-resolver-rules=MAP *.proxy.test 127.0.0.1, MAP * ~NOTFOUND'];
  // Service workers need a secure context; these plain-http test origins count as one.
  if (secureOrigins.length > 0) args.push(`--unsafely-treat-insecure-origin-as-secure=${secureOrigins.join(',')}`);
  return chromium.launch({ executablePath: CHROMIUM, args });
}

/** Whether a URL's host is a protected one that did not go through the proxy (for these tests: example.com and its subdomains). */
export function escapes(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return /(^|\.)example\.com\.?$/.test(host);
}

/** One server serving `pages` and one Chromium, for the describe block that calls it (started before its tests, closed after). */
export function runtimeSuite(pages: Record<string, string>): { readonly server: RuntimeServer; readonly browser: Browser } {
  const suite = {} as { server: RuntimeServer; browser: Browser };
  beforeAll(async () => {
    suite.server = await startRuntimeServer();
    for (const [path, body] of Object.entries(pages)) suite.server.pages.set(path, body);
    suite.browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

/** A new context with `url` open, recording every request it makes and every one that failed. */
export async function openRecorded(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page; seen: string[]; failed: string[] }> {
  const context = await browser.newContext();
  const seen: string[] = [];
  const failed: string[] = [];
  context.on('request', (r) => seen.push(r.url()));
  context.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
  const page = await context.newPage();
  await page.goto(url);
  return { context, page, seen, failed };
}

/** Both host schemes, with the twin of `<sub>.example.com` in each. */
export const TWIN_SCHEMES = [
  { scheme: 'suffix' as const, twin: (sub: string): string => `${sub}.example.com.proxy.test` },
  { scheme: 'flat' as const, twin: (sub: string): string => `${sub}-example-com.proxy.test` },
];

/** The runtime's configuration for `*.example.com` on the proxy's public http port. */
export function exampleConfig(scheme: 'suffix' | 'flat', port: number): RuntimeConfig {
  return { suffix: 'proxy.test', scheme, domains: ['*.example.com'], publicScheme: 'http', publicPort: port, endpoint: '/__spr/activity' };
}

/** What a page under a Content Security Policy is served with (see {@link RuntimeServer}). */
export interface PagePolicy {
  readonly nonce?: string;
  readonly policy?: string;
}

/**
 * Opens `path` on the twin of app.example.com (suffix scheme) with `policy` in force and
 * the server's request log cleared; runs `use`, then closes the context and clears the policy.
 */
export async function withPolicyPage(
  suite: { readonly server: RuntimeServer; readonly browser: Browser },
  path: string,
  policy: PagePolicy,
  use: (opened: Awaited<ReturnType<typeof openRecorded>>, port: number) => Promise<void>,
): Promise<void> {
  const { server } = suite;
  server.config = exampleConfig('suffix', server.port);
  server.nonce = policy.nonce;
  server.policy = policy.policy;
  server.requests.length = 0;
  const opened = await openRecorded(suite.browser, `http://app.example.com.proxy.test:${server.port}${path}`);
  try {
    await use(opened, server.port);
  } finally {
    server.nonce = undefined;
    server.policy = undefined;
    await opened.context.close();
  }
}
