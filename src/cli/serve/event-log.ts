import type { RewriteEvent } from '../../domain/index.js';
import type { WebSocketEvent } from '../../proxy/index.js';

/**
 * The prefix of every line `spr serve` writes on stderr: `spr serve[PID]:`, as syslog
 * names a program and its process, so that with `--workers` each line says which worker
 * wrote it.
 */
export const logPrefix = (): string => `spr serve[${process.pid}]:`;

/** One line on stderr. */
export function logLine(text: string): void {
  process.stderr.write(`${logPrefix()} ${text}\n`);
}

/**
 * The rewriter's and the WebSocket proxy's reports (fallbacks, refused cookies, upstream
 * failures, refused or broken WebSockets), one line each on
 * stderr: stdout carries the audit events alone, for a log shipper to read as JSON lines.
 * A message is kept on its line: control characters (an upstream's header value can carry
 * any) are escaped.
 */
export function logRewriteEvent(event: RewriteEvent | WebSocketEvent): void {
  logLine(`${event.type}: ${oneLine(event.message)}`);
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/g;
const oneLine = (text: string) => text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
