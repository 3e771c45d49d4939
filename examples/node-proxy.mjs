import http from 'node:http';
import https from 'node:https';
import { createPipeline, createRewriter } from 'session-proxy-rewriter';

// A whole session proxy: http://app.acme-docs.com.proxy.test:8080/ serves https://app.acme-docs.com/.
// `connectTo` ({ hostname, port }) sends every upstream request to one address (tests, a local upstream).
export function startProxy({ port = 8080, upstreamScheme = 'https', connectTo = {} } = {}) {
  const rw = createRewriter({
    suffix: 'proxy.test', domains: ['acme-docs.com', '*.acme-docs.com'],
    publicScheme: 'http', publicPort: port, upstreamScheme,
  });
  const pipe = createPipeline(rw);
  return http.createServer((req, res) =>
    pipe.handle(req, res, (up) =>   // 404 for hosts that are no twins is done for you
      (up.url.startsWith('https:') ? https : http).request(up.url, { method: up.method, headers: up.headers, ...connectTo })),
  ).listen(port);
}
