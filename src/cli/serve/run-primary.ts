import cluster, { type Worker } from 'node:cluster';
import type { Address } from 'node:cluster';
import { logLine } from './event-log.js';
import { listeningLine } from './run-server.js';
import type { ServeSettings } from './settings.js';
import { onStopSignal } from './stop-signal.js';

/** The window in which worker deaths are counted against the restart cap. */
const RESTART_WINDOW_MS = 60_000;

/**
 * `--workers N`: N processes with node:cluster, all listening on one port (the primary
 * hands connections out round-robin). Each worker runs this same command line (cluster
 * forks `process.argv` again) and serves on its own: the proxy keeps no session state, so
 * workers share nothing.
 *
 * - A worker that dies is replaced, up to `max(10, 2N)` deaths a minute: past that the
 *   cause is no passing fault (a bad upstream cert store, memory) and the primary stops
 *   every worker and exits 1 rather than fork in a loop.
 * - A worker that dies before it listens is a start-up failure (the port is taken): the
 *   primary stops and exits with that worker's code.
 * - SIGTERM or SIGINT: every worker gets SIGTERM and stops gracefully (no new connections,
 *   in-flight exchanges finished, its audit file closed); the primary exits 0 when the
 *   last one has.
 *
 * Resolves with the exit code.
 */
export function runPrimary(settings: ServeSettings, workers: number): Promise<number> {
  const maxDeaths = Math.max(10, 2 * workers);
  const deaths: number[] = [];
  const listening = new Set<Worker>();
  let announced = false;
  let stopping: number | null = null;

  return new Promise((resolve) => {
    const stopAll = (code: number) => {
      if (stopping !== null) return;
      stopping = code;
      const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
      if (alive.length === 0) resolve(code);
      for (const w of alive) w.process.kill('SIGTERM');
    };

    cluster.on('listening', (worker: Worker, address: Address) => {
      listening.add(worker);
      if (!announced && listening.size === workers) {
        announced = true;
        process.stderr.write(`${listeningLine(settings, address.port)} (${workers} worker${workers === 1 ? '' : 's'})\n`);
      }
    });

    cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
      const listened = listening.delete(worker);
      if (stopping !== null) {
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve(stopping);
        return;
      }
      const how = signal === null ? `code ${code}` : signal;
      if (!listened) {
        logLine(`worker ${worker.process.pid} exited (${how}) before it listened; stopping`);
        stopAll(code || 1);
        return;
      }
      const now = Date.now();
      deaths.push(now);
      while (deaths.length > 0 && (deaths[0] as number) <= now - RESTART_WINDOW_MS) deaths.shift();
      if (deaths.length > maxDeaths) {
        logLine(`worker ${worker.process.pid} exited (${how}): ${deaths.length} workers died within a minute; stopping`);
        stopAll(1);
        return;
      }
      logLine(`worker ${worker.process.pid} exited (${how}); starting another`);
      cluster.fork();
    });

    for (let i = 0; i < workers; i++) cluster.fork();
    void onStopSignal(['SIGTERM', 'SIGINT']).then(() => stopAll(0));
  });
}
