import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonLinesAudit, type ClosableAuditSink } from '../../files/index.js';
import { createProxyHandler, type ProxyOptions } from '../../proxy/index.js';
import { drainer } from './drain.js';
import { forwardedClient } from './forwarded-for.js';
import { logLine, logRewriteEvent } from './event-log.js';
import { answerHealthCheck } from './health.js';
import { createServer, hostPort, listen } from './listen.js';
import type { ServeSettings } from './settings.js';
import { onStopSignal } from './stop-signal.js';

/** How this process serves: alone (it prints the listening line), or as one of `--workers` (the primary prints it). */
export type ServerRole = 'single' | 'worker';

/**
 * One serving process: listens, builds the handler on the port it got (the public port
 * defaults to it), serves until SIGTERM or SIGINT, then stops gracefully: no new
 * connections, in-flight exchanges finished, the upstream pools and the audit file closed.
 * Resolves when it has stopped.
 *
 * The process holds no session state: the session of a request is what the request
 * carries (its cookies, its client certificate, `--context`), so any number of these run
 * side by side behind a balancer with nothing to share.
 */
export async function runServer(settings: ServeSettings, role: ServerRole): Promise<void> {
  // A worker stops when its primary says so (SIGTERM): Ctrl-C reaches the whole process
  // group, and the primary, which forwards it, must not have its workers hurry on a second signal.
  if (role === 'worker') process.on('SIGINT', () => {});
  const stopped = onStopSignal(role === 'worker' ? ['SIGTERM'] : ['SIGTERM', 'SIGINT']);
  const server = createServer(settings.tls);
  const drain = drainer(server);
  const port = await listen(server, settings.port, settings.host);
  const audit = auditSink(settings.auditPath);
  const handler = createProxyHandler(proxyOptions(settings, port, audit));
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!answerHealthCheck(handler.rewriter, req, res)) handler(req, res);
  });
  server.on('upgrade', handler.upgrade);
  if (role === 'single') process.stderr.write(`${listeningLine(settings, port)} (1 process)\n`);
  else logLine('worker listening');
  await stopped;
  await drain.stop();
  await handler.close();
  await audit.close();
}

/** `spr serve: listening on https://0.0.0.0:8443 for *.proxy.example.net`: where, and for which hosts. */
export function listeningLine(settings: ServeSettings, port: number): string {
  return `spr serve: listening on ${settings.tls ? 'https' : 'http'}://${hostPort(settings.host, port)} for *.${settings.rewriter.suffix}`;
}

function proxyOptions(settings: ServeSettings, port: number, audit: ClosableAuditSink): ProxyOptions {
  return {
    rewriter: { ...settings.rewriter, publicPort: settings.rewriter.publicPort ?? port, onEvent: logRewriteEvent },
    resolve: settings.resolve,
    timeouts: settings.timeouts,
    runtime: settings.runtime,
    websocket: { onEvent: logRewriteEvent },
    audit,
    deviceCertificates: settings.tls?.deviceCa != null,
    ...(settings.files === null ? {} : { files: settings.files }),
    ...sessionOption(settings),
  };
}

/**
 * The session: `--context` as the default, the handler adding what the request shows (the
 * socket's IP, the User-Agent, the client certificate). Behind `--trusted-proxy`
 * balancers the IP is the client's as they forward it, over the default.
 */
function sessionOption(settings: ServeSettings): Pick<ProxyOptions, 'session'> {
  const { session, trustedProxies } = settings;
  if (trustedProxies === null) return session === null ? {} : { session };
  return {
    session: (req) => {
      const ip = forwardedClient(req, trustedProxies);
      return { ...session, ...(ip === undefined ? {} : { ip }) };
    },
  };
}

/** Audit events as JSON lines to `--audit FILE` (appended) or stdout; a write failure is reported once on stderr. */
function auditSink(path: string | null): ClosableAuditSink {
  const where = path ?? 'stdout';
  return jsonLinesAudit(path ?? process.stdout, {
    onError: (err) => logLine(`audit log ${where}: ${err.message}; later audit events are lost`),
  });
}
