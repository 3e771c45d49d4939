/**
 * `src/proxy/websocket`: WebSocket upgrades of the proxy, with `ws` on both sides. The
 * handshake goes through the header rules, text messages that are JSON through the JSON
 * rules both ways, everything else byte-identical.
 */
export { createUpgradeHandler, DEFAULT_MAX_MESSAGE_BYTES, type UpgradeHandler, type UpgradeOptions } from './upgrade-handler.js';
export type { WebSocketEvent, WebSocketEventListener, WebSocketEventType } from './events.js';
export { isJsonText } from './text-messages.js';
export type { UpstreamTls } from './upstream-connect.js';
