import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRewriter } from '../../../src/index.js';
import { runtimeConfigOf } from '../../../src/proxy/runtime/index.js';
import { hasChromium, launchChromium, startRuntimeServer, type RuntimeServer } from './browser-support.js';

if (!hasChromium) console.warn('client runtime port tests skipped: /usr/bin/chromium is absent (apt-get install -y chromium)');

// A local deployment: the proxy on a non-default public port, the app's code building
// URLs from pieces with the upstream's own port. The page goes through the real static
// rewriter, as the proxy would send it; then Chromium runs it with the runtime. Chromium
// maps every *.proxy.test to 127.0.0.1, so a twin left on the upstream's port would
// reach the upstream server directly: it must reach the proxy's port, with its Host.
const script = (upstreamPort: number): string => `<script>
const upstreamPort = ${upstreamPort};
const results = (window.results = {});
const go = (name, url) => fetch(url).then((r) => (results[name] = r.status), (e) => (results[name] = String(e)));
go('template', \`http://api.example.com:\${upstreamPort}/template\`);
go('pieces', 'http://' + 'api' + '.example.com' + ':' + upstreamPort + '/pieces');
go('relative', '//' + 'api' + '.example.com' + ':' + upstreamPort + '/relative');
go('joined', 'http://api' + '.example.com/joined');
</script>`;
const PATHS = ['template', 'pieces', 'relative', 'joined'];

const SCHEMES = [
  { scheme: 'suffix' as const, twin: 'api.example.com.proxy.test' },
  { scheme: 'flat' as const, twin: 'api-example-com.proxy.test' },
];

describe.skipIf(!hasChromium)('client runtime in Chromium: URLs built with the code port reach the proxy', () => {
  let server: RuntimeServer;
  let upstream: Server;
  const direct: string[] = [];
  let browser: Browser;
  beforeAll(async () => {
    server = await startRuntimeServer();
    upstream = createServer((req: IncomingMessage, res) => {
      direct.push(`${req.headers.host} ${req.url}`);
      res.writeHead(200, { 'access-control-allow-origin': '*' }).end('upstream');
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    upstream?.closeAllConnections();
    await new Promise((resolve) => (upstream ? upstream.close(resolve) : resolve(undefined)));
    await server?.close();
  });

  for (const { scheme, twin } of SCHEMES) {
    it(`${scheme} scheme: a template's port and a doubled port both become the proxy's`, async () => {
      const port = server.port;
      const upstreamPort = (upstream.address() as AddressInfo).port;
      const rw = createRewriter({ suffix: 'proxy.test', scheme, domains: ['*.example.com'], publicScheme: 'http', publicPort: port });
      const page = rw.rewriteHtml(script(upstreamPort));
      // What the static rewriter can do: the twin with the code's port; a host piece gets the
      // public port before the code's (suffix), or stays for the runtime (flat: no label to flatten).
      expect(page).toContain(`\`http://${twin}:\${upstreamPort}/template\``);
      expect(page).toContain(scheme === 'suffix' ? `'.example.com.proxy.test:${port}' + ':' + upstreamPort + '/pieces'` : `'.example.com' + ':' + upstreamPort + '/pieces'`);
      server.pages.set('/', page);
      server.config = runtimeConfigOf(rw);
      server.requests.length = 0;
      direct.length = 0;
      const context = await browser.newContext();
      const pageTab = await context.newPage();
      await pageTab.goto(`http://${scheme === 'suffix' ? 'app.example.com.proxy.test' : 'app-example-com.proxy.test'}:${port}/`);
      await pageTab.waitForFunction(`Object.keys(window.results).length === ${PATHS.length}`);

      expect(await pageTab.evaluate('window.results')).toEqual(Object.fromEntries(PATHS.map((p) => [p, 200])));
      for (const path of PATHS) expect((await server.waitFor('/' + path))?.host, path).toBe(`${twin}:${port}`);
      expect(direct).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
