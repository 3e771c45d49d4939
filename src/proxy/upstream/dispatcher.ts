import { Agent } from 'undici';
import type { UpstreamTimeouts } from './timeouts.js';

/**
 * The handler's own dispatcher: one keep-alive pool per upstream origin (undici's
 * defaults: idle sockets kept 4 s, or what the upstream's `Keep-Alive: timeout` says),
 * opening a connection within the connect timeout. Redirects are not followed: the
 * browser follows the rewritten `Location`.
 */
export function defaultDispatcher(timeouts: UpstreamTimeouts): Agent {
  return new Agent({
    connect: { timeout: timeouts.connect },
    headersTimeout: timeouts.headers,
    bodyTimeout: timeouts.body,
  });
}
