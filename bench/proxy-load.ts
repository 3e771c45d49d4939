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

/** What runs of one cell gathered (passes add up): every response's time, the bytes read, the time spent. */
export class LoadTally {
  private readonly times: number[] = [];
  private bytes = 0;
  private seconds = 0;
  /** Non-2xx answers, errors and timeouts: each one makes the row worthless. */
  failures = 0;

  /** One autocannon run, its responses added to the tally. */
  run(load: Load): Promise<void> {
    return new Promise((resolve, reject) => {
      const instance = autocannon({ ...load }, (err, result) => {
        if (err) return reject(err);
        this.seconds += result.duration;
        this.failures += result.non2xx + result.errors + result.timeouts;
        resolve();
      });
      instance.on('response', (_client: unknown, _status: number, bytes: number, ms: number) => {
        this.times.push(ms);
        this.bytes += bytes;
      });
    });
  }

  get responses(): number {
    return this.times.length;
  }

  /** Latency percentiles (ms), responses per second, MB read per second (heads and bodies as on the wire). */
  summary(): { p50: number; p99: number; requestsPerSecond: number; mbPerSecond: number } {
    const sorted = Float64Array.from(this.times).sort();
    const at = (p: number) => (sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number));
    return { p50: at(50), p99: at(99), requestsPerSecond: this.responses / this.seconds, mbPerSecond: this.bytes / 1e6 / this.seconds };
  }
}
