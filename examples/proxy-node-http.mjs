// A session proxy on node:http: http://app.acme-docs.com.proxy.test:8080/ serves https://app.acme-docs.com/.
// UPSTREAM=127.0.0.1:9000 sends every acme-docs.com host to that address, over http (a local upstream).
import http from 'node:http';
import { createProxyHandler } from 'session-proxy-rewriter';

const { PORT = '8080', UPSTREAM } = process.env;
const handler = createProxyHandler({
  rewriter: { suffix: 'proxy.test', domains: ['acme-docs.com', '*.acme-docs.com'],
    publicScheme: 'http', publicPort: Number(PORT), upstreamScheme: UPSTREAM ? 'http' : 'https' },
  resolve: UPSTREAM ? { 'acme-docs.com': UPSTREAM, '*.acme-docs.com': UPSTREAM } : undefined,
});

http.createServer(handler).on('upgrade', handler.upgrade)
  .listen(Number(PORT), () => console.log(`proxy on http://app.acme-docs.com.proxy.test:${PORT}/`));
