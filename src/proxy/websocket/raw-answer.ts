import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { HeadersOutput } from '../../headers/index.js';

/**
 * Answers an upgrade request that does not become a WebSocket with a plain HTTP
 * response written on the raw socket (an `upgrade` listener has no `ServerResponse`),
 * then closes the connection. `headers` are byte strings (one character per byte, as
 * Node reads them) and are written as such; they must already be safe (the header
 * rewriters drop every value holding a control character).
 */
export function answerOnSocket(socket: Duplex, status: number, body: string, headers: HeadersOutput = {}): void {
  if (socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}`];
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : [value]) lines.push(`${name}: ${one}`);
  }
  const bytes = Buffer.from(body, 'utf8');
  if (bytes.length > 0) lines.push('Content-Type: text/plain; charset=utf-8');
  lines.push(`Content-Length: ${bytes.length}`, 'Connection: close', '', '');
  socket.once('finish', () => socket.destroy());
  socket.end(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), bytes]));
}
