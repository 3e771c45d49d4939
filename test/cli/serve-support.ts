import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request as httpRequest, createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

/**
 * `spr serve` as an admin runs it, from the source through tsx (as test/cli/file.test.ts
 * runs the CLI), against real upstream servers on 127.0.0.1 reached with `--resolve`.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const CLI = ['--import', 'tsx', 'src/cli/main.ts', 'serve'];
/** tsx compiles the CLI on a cold start, and the runtime bundle is built on first use from the source. */
const START_MS = 30_000;

export const HOSTS = ['--suffix', 'proxy.test', '--domain', 'example.com', '--domain', '*.example.com'];

/** A running `spr serve`. */
export interface ServeRun {
  readonly child: ChildProcess;
  /** The port named in the listening line (the command is started with `--port 0`). */
  readonly port: number;
  /** The listening line. */
  readonly listening: string;
  stdout(): string;
  stderr(): string;
  /** Sends `signal` (SIGTERM by default) and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();
let hooked = false;

/** Starts `spr serve ARGS --port 0` and resolves once it says it listens. */
export async function startServe(args: readonly string[]): Promise<ServeRun> {
  if (!hooked) {
    hooked = true;
    afterAll(() => {
      for (const child of running) child.kill('SIGKILL');
    });
  }
  const child = spawn(process.execPath, [...CLI, ...args, '--port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (err += s));
  const exited = once(child, 'exit').then(([code, signal]) => {
    running.delete(child);
    return { code: code as number | null, signal: signal as NodeJS.Signals | null };
  });
  const listening = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`spr serve did not listen within ${START_MS} ms; stderr: ${err}`)), START_MS);
    const look = () => {
      const line = err.split('\n').find((l) => l.startsWith('spr serve: listening on '));
      if (line === undefined) return;
      clearTimeout(timer);
      child.stderr?.off('data', look);
      resolve(line);
    };
    child.stderr?.on('data', look);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`spr serve exited (${code}) before listening; stderr: ${err}`));
    });
  });
  const port = Number(/:(\d+) for /.exec(listening)?.[1]);
  return {
    child,
    port,
    listening,
    stdout: () => out,
    stderr: () => err,
    stop: async (signal = 'SIGTERM') => {
      child.kill(signal);
      return exited;
    },
  };
}

/** `spr serve ARGS` that is expected to end by itself (bad options): its exit code and output. */
export function runServe(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...CLI, ...args], { cwd: root, encoding: 'utf8', timeout: START_MS });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A real upstream on 127.0.0.1 that records the paths it was asked for. */
export async function startUpstream(listener: RequestListener): Promise<{ port: number; paths: string[] }> {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    listener(req, res);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  return { port: (server.address() as AddressInfo).port, paths };
}

export interface Fetched {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly text: string;
}

/**
 * A GET to the proxy on 127.0.0.1 with this `Host`, on a connection of its own (so that
 * the cluster primary hands each one to the next worker). `tls` makes it https, with
 * the proxied host as SNI.
 */
export function fetchVia(port: number, host: string, path: string, tls?: Omit<RequestOptions, 'host' | 'port' | 'path'>, headers: Record<string, string> = {}): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const options = { host: '127.0.0.1', port, path, headers: { ...headers, host: `${host}:${port}` }, agent: false as const };
    const req = tls === undefined ? httpRequest(options) : httpsRequest({ ...options, servername: host, ...tls });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The JSON lines of an audit log. */
export function auditLines(text: string): Record<string, unknown>[] {
  return text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}
