// The session proxy of proxy-node-http.mjs in Fastify 5: each request goes to the handler as Node's own
// request and response, in the onRequest hook, before Fastify parses a body (uploads stream untouched).
import Fastify from 'fastify';
import { createProxyHandler } from 'session-proxy-rewriter';

const { PORT = '8080', UPSTREAM } = process.env;
const handler = createProxyHandler({
  rewriter: { suffix: 'proxy.test', domains: ['acme-docs.com', '*.acme-docs.com'],
    publicScheme: 'http', publicPort: Number(PORT), upstreamScheme: UPSTREAM ? 'http' : 'https' },
  resolve: UPSTREAM ? { 'acme-docs.com': UPSTREAM, '*.acme-docs.com': UPSTREAM } : undefined,
});

const app = Fastify();
app.addHook('onRequest', async (request, reply) => {
  reply.hijack(); // Fastify sends nothing and runs no later hook: the handler answers on reply.raw
  handler(request.raw, reply.raw);
});
app.server.on('upgrade', handler.upgrade);
await app.listen({ port: Number(PORT) });
console.log(`proxy on http://app.acme-docs.com.proxy.test:${PORT}/`);
