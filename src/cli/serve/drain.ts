import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** How long in-flight exchanges (a long download, an open WebSocket) may run on after a stop signal. */
export const DRAIN_MS = 10_000;

/**
 * A graceful stop for a server: `stop()` closes the listening socket (no new connections),
 * closes connections as they go idle, waits for the exchanges in flight, and after
 * {@link DRAIN_MS} destroys what is still open. Connections are tracked from `connection`
 * because upgraded ones (WebSockets) leave the HTTP server's own bookkeeping and
 * `closeAllConnections()` would not reach them.
 */
export function drainer(server: Server, drainMs = DRAIN_MS): { stop(): Promise<void> } {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  let stopping: Promise<void> | null = null;
  return {
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        const idle = setInterval(() => server.closeIdleConnections(), 100);
        const deadline = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, drainMs);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(deadline);
          resolve();
        });
        server.closeIdleConnections();
      });
      return stopping;
    },
  };
}
