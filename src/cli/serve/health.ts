import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Rewriter } from '../../rewriter.js';

/** The path a balancer checks `spr serve` on, on any host that is no proxied twin (its address, the suffix itself). */
export const HEALTH_PATH = '/__spr/health';

/**
 * Answers a balancer's health check: `GET /__spr/health` on a host that is no proxied twin
 * (`127.0.0.1:8080`, `proxy.example.net`) is `200 ok` while the process serves. Such a
 * host gets 404 from the handler otherwise, so the check shadows nothing of an upstream
 * app; on a twin the path stays the handler's. Once a stop signal comes the listening
 * socket is closed and the next check cannot connect: the balancer takes the instance out.
 * Returns whether it answered.
 */
export function answerHealthCheck(rw: Rewriter, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url !== HEALTH_PATH || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
  const host = req.headers.host;
  if (host !== undefined && rw.upstreamHost(host) !== null) return false;
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'content-length': '3' });
  res.end(req.method === 'HEAD' ? undefined : 'ok\n');
  return true;
}
