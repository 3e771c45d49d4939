/**
 * `src/proxy`: the proxy itself. `createProxyHandler` answers requests to proxied hosts
 * for node:http, Express and Fastify (upstream over undici, the pipeline, file control,
 * the client runtime, WebSocket upgrades); `resolveUpstream` is the `--resolve` rule
 * every part of the proxy connects by.
 */
export { createProxyHandler, type ProxyHandler } from './handler/create-proxy-handler.js';
export { resolveUpstream } from './upstream/resolve.js';
export { sessionOf, type SessionOf } from './session/request-session.js';
export type { ProxyOptions, ProxyTimeouts, RuntimeOptions, UpstreamAddress, UpstreamResolver, WebSocketOptions } from './options.js';
// From the events module itself: the WebSocket proxy's face would bring in the types of `ws`, a dev dependency.
export type { WebSocketEvent, WebSocketEventListener, WebSocketEventType } from './websocket/events.js';
