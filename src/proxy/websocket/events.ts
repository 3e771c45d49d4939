/** What {@link WebSocketEvent} reports. */
export type WebSocketEventType =
  /** The browser asked for a host that is no proxied twin (or a reserved path): 404, nothing contacted. */
  | 'websocket-not-proxied'
  /** The browser's handshake was not one (a bad target): 400, nothing contacted. */
  | 'websocket-bad-request'
  /** Upstream answered the handshake with a status other than 101; the browser got that status. */
  | 'websocket-refused'
  /** A field of upstream's 101 that is not UTF-8 (the browser's 101 is written as UTF-8): left out. */
  | 'websocket-header-dropped'
  /** Upstream could not be reached or broke the handshake (502), or did not answer in time (504). */
  | 'websocket-upstream-failed'
  /** An open connection failed on one side (a protocol error, a dropped connection, a bug): the other side was closed. */
  | 'websocket-broken';

/**
 * A report of the WebSocket proxy: one per handshake that did not become a connection,
 * and one per connection that ended by a failure rather than a close handshake.
 */
export interface WebSocketEvent {
  readonly type: WebSocketEventType;
  /** One human-readable line. */
  readonly message: string;
  /** The `Host` the browser asked for. */
  readonly host: string | undefined;
  /** The upstream URL, once known. */
  readonly url?: string;
  /** The HTTP status the browser got, for a handshake that did not become a connection. */
  readonly status?: number;
  /** For `websocket-broken`: the side that failed (`proxy`: the relay itself). */
  readonly side?: 'browser' | 'upstream' | 'proxy';
}

/** Receives every {@link WebSocketEvent}. A listener that throws is ignored. */
export type WebSocketEventListener = (event: WebSocketEvent) => void;

/** Calls the listener, if any; a throwing listener must not break a connection. */
export function reportTo(listener: WebSocketEventListener | undefined): (event: WebSocketEvent) => void {
  return (event) => {
    if (listener === undefined) return;
    try {
      listener(event);
    } catch {
      // A report is not worth a connection.
    }
  };
}
