// autocannon 8 as bench/proxy.bench.ts drives it, with two changes to what it measures:
// - Its latency histogram keeps whole milliseconds, too coarse for a loopback exchange of
//   a fraction of one: every response's time (fractional ms, from its 'response' event)
//   is kept here and the percentiles are taken from those.
// - It keeps each response body as a string (`req.body += chunk`, for its expectBody and
//   verifyBody options, unused here): decoding a 1 MiB body to UTF-8 chunk by chunk caps
//   the client at ~30 responses/s on this machine, where Node's own client reads ~500, so
//   the body is dropped unread (its bytes are still counted).
// autocannon ships no types: the few fields used are typed below.
import type { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

interface AutocannonResult {
  readonly requests: { readonly average: number };
  readonly throughput: { readonly average: number };
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly duration: number;
}

interface AutocannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly duration?: number;
  readonly amount?: number;
  readonly headers: Readonly<Record<string, string>>;
}

type Autocannon = (options: AutocannonOptions, done: (err: Error | null, result: AutocannonResult) => void) => EventEmitter;

const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;
(require('autocannon/lib/pipelinedRequestsQueue.js') as { prototype: { addBody(data: Buffer): void } }).prototype.addBody = () => undefined;

export interface Load {
  readonly url: string;
  readonly connections: number;
  /** Seconds; or a number of requests with `amount`. */
  readonly duration?: number;
  readonly amount?: number;
  readonly headers: Readonly<Record<string, string>>;
}

export interface LoadResult {
  readonly p50: number;
  readonly p99: number;
  readonly requestsPerSecond: number;
  /** Bytes read per second (heads and bodies, as on the wire: gzip-coded), in MB/s. */
  readonly mbPerSecond: number;
  readonly responses: number;
  /** Non-2xx answers, errors and timeouts: each one makes the row worthless. */
  readonly failures: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

export function runLoad(load: Load): Promise<LoadResult> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ ...load }, (err, result) => {
      if (err) return reject(err);
      const sorted = Float64Array.from(times).sort();
      resolve({
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        requestsPerSecond: result.requests.average,
        mbPerSecond: result.throughput.average / 1e6,
        responses: times.length,
        failures: result.non2xx + result.errors + result.timeouts,
      });
    });
    instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  });
}
