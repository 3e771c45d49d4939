import WebSocket from 'ws';
import type { Rewriter } from '../../rewriter.js';
import { textToBrowser, textToUpstream } from './text-messages.js';

/** Bytes queued for one side past which the other side is no longer read. */
const QUEUE_HIGH = 1024 * 1024;
/** Reading starts again once the queue is down to this. */
const QUEUE_LOW = 256 * 1024;

type SideName = 'browser' | 'upstream';

interface Side {
  readonly name: SideName;
  readonly socket: WebSocket;
  /** Why it failed (an `error` event), if it did. */
  failure: string | null;
}

/** What the relay tells its caller: a side failed, or the relay itself did. */
export type RelayReport = (side: SideName | 'proxy', message: string) => void;

/**
 * Relays an open browser WebSocket and an open (paused) upstream WebSocket both ways
 * until either ends:
 * - binary messages byte-identical; text messages rewritten (forward to the browser,
 *   mapped back to upstream): JSON and the JSON of a Socket.IO packet by the JSON rules,
 *   other text by the data rules as one string (text-messages.ts);
 * - pings and pongs end to end (neither side answers pings itself);
 * - a close with a code relays that code and reason (none relays none); a side that fails
 *   or drops without a close frame closes the other with 1014 (upstream failed, RFC 6455
 *   §7.4.1 and the IANA registry's "Bad Gateway") or 1001 (the browser went away);
 * - a side whose queue passes 1 MiB stops the other side from being read until it drains,
 *   so a slow reader holds memory to about one message past that.
 * A failure of the relay itself (a rewriter bug) closes both with 1011: a message is
 * never passed on unrewritten.
 */
export function relayWebSockets(rw: Rewriter, browserSocket: WebSocket, upstreamSocket: WebSocket, report: RelayReport): void {
  const browser: Side = { name: 'browser', socket: browserSocket, failure: null };
  const upstream: Side = { name: 'upstream', socket: upstreamSocket, failure: null };
  const broken = (message: string) => {
    report('proxy', message);
    for (const side of [browser, upstream]) closeSafely(side.socket, 1011, 'Proxy error');
  };
  pipeSide(upstream, browser, (data) => textToBrowser(rw, data), report, broken);
  pipeSide(browser, upstream, (data) => textToUpstream(rw, data), report, broken);
  upstreamSocket.resume();
}

function pipeSide(from: Side, to: Side, mapText: (data: Buffer) => Buffer | Uint8Array | string, report: RelayReport, broken: (message: string) => void): void {
  let paused = false;
  const sent = () => {
    if (paused && to.socket.bufferedAmount <= QUEUE_LOW) {
      paused = false;
      from.socket.resume();
    }
  };
  from.socket.on('message', (raw: WebSocket.RawData, isBinary: boolean) => {
    if (to.socket.readyState !== WebSocket.OPEN) return; // the other side is closing: nobody to give it to
    let out: Buffer | Uint8Array | string;
    try {
      const data = asBuffer(raw);
      out = isBinary ? data : mapText(data);
    } catch (err) {
      broken(`a text message from the ${from.name} could not be rewritten: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    to.socket.send(out, { binary: isBinary }, sent);
    if (!paused && to.socket.bufferedAmount > QUEUE_HIGH) {
      paused = true;
      from.socket.pause();
    }
  });
  from.socket.on('ping', (data: Buffer) => {
    if (to.socket.readyState === WebSocket.OPEN) to.socket.ping(data);
  });
  from.socket.on('pong', (data: Buffer) => {
    if (to.socket.readyState === WebSocket.OPEN) to.socket.pong(data);
  });
  from.socket.on('error', (err: Error) => {
    from.failure = err.message;
  });
  from.socket.on('close', (code: number, reason: Buffer) => {
    if (to.socket.readyState !== WebSocket.OPEN) return; // already closing: its own close came first
    if (from.failure !== null || code === 1006) {
      report(from.name, `${from.name} side failed: ${from.failure ?? 'connection dropped without a close frame'}`);
      if (from.name === 'upstream') closeSafely(to.socket, 1014, 'Upstream connection failed');
      else closeSafely(to.socket, 1001, 'Browser went away');
    } else if (code === 1005) {
      closeSafely(to.socket); // a close frame without a code is relayed as one
    } else {
      closeSafely(to.socket, code, reason);
    }
  });
}

/** `ws` hands `nodebuffer` messages as one Buffer; the other shapes are here for the type. */
function asBuffer(raw: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(raw)) return raw;
  return Array.isArray(raw) ? Buffer.concat(raw) : Buffer.from(raw);
}

/** Closes with a code and reason, or with 1011 when `ws` refuses them; never throws. */
function closeSafely(socket: WebSocket, code?: number, reason?: Buffer | string): void {
  // A side paused for backpressure must read again, or it would never see the answer to its close.
  socket.resume();
  try {
    socket.close(code, reason);
  } catch {
    try {
      socket.close(1011);
    } catch {
      socket.terminate();
    }
  }
}
