import type { ProxyTimeouts } from '../options.js';

/** {@link ProxyTimeouts} with every default filled in (ms). */
export interface UpstreamTimeouts {
  readonly connect: number;
  readonly headers: number;
  readonly body: number;
}

export function upstreamTimeouts(timeouts: ProxyTimeouts = {}): UpstreamTimeouts {
  return { connect: timeouts.connect ?? 10_000, headers: timeouts.headers ?? 30_000, body: timeouts.body ?? 30_000 };
}
