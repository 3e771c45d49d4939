// The session proxy of proxy-node-http.mjs, mounted in Express 5: every request of the app goes to the handler.
import express from 'express';
import { createProxyHandler } from 'session-proxy-rewriter';

const { PORT = '8080', UPSTREAM } = process.env;
const handler = createProxyHandler({
  rewriter: { suffix: 'proxy.test', domains: ['acme-docs.com', '*.acme-docs.com'],
    publicScheme: 'http', publicPort: Number(PORT), upstreamScheme: UPSTREAM ? 'http' : 'https' },
  resolve: UPSTREAM ? { 'acme-docs.com': UPSTREAM, '*.acme-docs.com': UPSTREAM } : undefined,
});

const app = express().disable('x-powered-by'); // the upstream's headers, not Express's
app.use(handler); // before any body parser: the handler streams the request body itself
app.listen(Number(PORT), () => console.log(`proxy on http://app.acme-docs.com.proxy.test:${PORT}/`))
  .on('upgrade', handler.upgrade);
