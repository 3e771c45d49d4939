import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium (CI installs it, see .ci/run); the browser tests skip where it is missing. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Quiet and local: no background fetches of Chromium's own (updates, sync, field trials). */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Chromium that can reach nothing but the proxy: every `*.<suffix>` name resolves to
 * 127.0.0.1 and every other name fails (`net::ERR_NAME_NOT_RESOLVED`), so a request that
 * escapes the proxy cannot succeed and shows up as a failure. The proxy's certificate is
 * trusted by its public key (`trustedSpki`, base64 SHA-256), and no other.
 */
export function launchChromium(suffix: string, trustedSpki: string, netLog: string): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [...FLAGS, `--host-resolver-rules=MAP *.${suffix} 127.0.0.1, MAP * ~NOTFOUND`, `--ignore-certificate-errors-spki-list=${trustedSpki}`, `--log-net-log=${netLog}`],
  });
}

export interface SeenRequest {
  readonly url: string;
  readonly method: string;
  readonly resourceType: string;
  /** Made by a service worker (its own fetch, not one it handles for a page). */
  readonly byServiceWorker: boolean;
}

export interface FailedRequest {
  readonly url: string;
  readonly error: string;
}

/** Everything the browser asked for in a context: requests (pages and service workers), failures, WebSockets. */
export interface Traffic {
  readonly requests: SeenRequest[];
  readonly failures: FailedRequest[];
  readonly webSockets: string[];
}

/** Records every request of the context, from its pages and its service workers, from now on. */
export function recordTraffic(context: BrowserContext): Traffic {
  const traffic: Traffic = { requests: [], failures: [], webSockets: [] };
  context.on('request', (r) => traffic.requests.push({ url: r.url(), method: r.method(), resourceType: r.resourceType(), byServiceWorker: r.serviceWorker() !== null }));
  context.on('requestfailed', (r) => traffic.failures.push({ url: r.url(), error: r.failure()?.errorText ?? 'unknown' }));
  const watch = (page: Page) => page.on('websocket', (ws) => traffic.webSockets.push(ws.url()));
  context.pages().forEach(watch);
  context.on('page', watch);
  return traffic;
}

interface DomNode {
  nodeType: number;
  nodeValue: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

/**
 * Every text node of the page, closed shadow roots included (the DevTools protocol
 * pierces them; page scripts and Playwright's locators cannot): what a notice in a closed
 * shadow root says.
 */
export async function allTexts(context: BrowserContext, page: Page): Promise<string[]> {
  const cdp = await context.newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
    const texts: string[] = [];
    const walk = (node: DomNode): void => {
      if (node.nodeType === 3 && node.nodeValue.trim() !== '') texts.push(node.nodeValue);
      for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) walk(child);
    };
    walk(root);
    return texts;
  } finally {
    await cdp.detach();
  }
}
