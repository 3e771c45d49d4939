import { describe, expect, it } from 'vitest';
import { fetchVia, HOSTS, startServe, startUpstream } from './serve-support.js';

/**
 * `spr serve --workers N`: N processes with node:cluster on one port. Which process served
 * a request is read from what that process wrote: every stderr line of `spr serve` starts
 * `spr serve[PID]:`, and the upstream's cookie for a public suffix makes the worker that
 * rewrites the response report a `cookie-refused` line. No response carries a pid.
 */

const upstream = await startUpstream((_req, res) => {
  // Domain=com covers a public suffix: the rewriter refuses the cookie and reports it.
  res.writeHead(200, { 'content-type': 'text/plain', 'set-cookie': 'tracker=1; Domain=com; Path=/' });
  res.end('ok');
});
const route = ['--upstream-scheme', 'http', '--resolve', `app.example.com=127.0.0.1:${upstream.port}`];

const pidsOf = (stderr: string, what: string) => new Set([...stderr.matchAll(new RegExp(`^spr serve\\[(\\d+)\\]: ${what}`, 'gm'))].map((m) => Number(m[1])));

describe('spr serve --workers', () => {
  it('serves from two worker processes on one port, and stops them all on SIGTERM with exit 0', async () => {
    const serve = await startServe([...HOSTS, ...route, '--workers', '2']);
    expect(serve.listening).toBe(`spr serve: listening on http://127.0.0.1:${serve.port} for *.proxy.test (2 workers)`);
    // Each worker says it listens on its own stderr, which may come a moment after the primary's line.
    const deadline = Date.now() + 5000;
    while (pidsOf(serve.stderr(), 'worker listening').size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const workers = pidsOf(serve.stderr(), 'worker listening');
    expect(workers.size).toBe(2);
    expect(workers.has(serve.child.pid as number)).toBe(false);
    for (let i = 0; i < 8; i++) {
      const r = await fetchVia(serve.port, 'app.example.com.proxy.test', `/${i}`);
      expect(r.status).toBe(200);
      expect(r.headers['set-cookie']).toBeUndefined();
    }
    // Each line is written after its response is rewritten; give the last one a moment.
    await new Promise((r) => setTimeout(r, 200));
    const served = pidsOf(serve.stderr(), 'cookie-refused');
    expect([...served].sort()).toEqual([...workers].sort());
    expect(await serve.stop()).toEqual({ code: 0, signal: null });
    // Each worker was alive until the primary stopped it, and is gone now.
    for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
  });

  it('replaces a worker that dies', async () => {
    const serve = await startServe([...HOSTS, ...route, '--workers', '2']);
    const [first] = pidsOf(serve.stderr(), 'worker listening');
    process.kill(first as number, 'SIGKILL');
    const deadline = Date.now() + 20_000;
    while (pidsOf(serve.stderr(), 'worker listening').size < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(serve.stderr()).toContain(`worker ${first} exited (SIGKILL); starting another`);
    expect(pidsOf(serve.stderr(), 'worker listening').size).toBe(3);
    expect((await fetchVia(serve.port, 'app.example.com.proxy.test', '/')).status).toBe(200);
    expect(await serve.stop()).toEqual({ code: 0, signal: null });
  });
});
