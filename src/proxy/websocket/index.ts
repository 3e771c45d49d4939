/**
 * `src/proxy/websocket`: WebSocket upgrades of the proxy, with `ws` on both sides. The
 * handshake goes through the header rules; text messages are rewritten both ways (JSON
 * and the JSON after a Socket.IO/Engine.IO packet header by the JSON rules, the header
 * byte-identical; any other text by the data rules as one string); binary messages pass
 * byte-identical.
 */
export { createUpgradeHandler, DEFAULT_MAX_MESSAGE_BYTES, type UpgradeHandler, type UpgradeOptions } from './upgrade-handler.js';
export type { WebSocketEvent, WebSocketEventListener, WebSocketEventType } from './events.js';
export { isJsonText } from './text-messages.js';
export { socketIoJsonStart } from './socket-io-prefix.js';
export type { UpstreamTls } from './upstream-connect.js';
