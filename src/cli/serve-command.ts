import cluster from 'node:cluster';
import type { Command } from 'commander';
import { addHostOptions } from './host-options.js';
import { runPrimary } from './serve/run-primary.js';
import { runServer } from './serve/run-server.js';
import { serveSettingsFrom, type ServeCliOptions } from './serve/settings.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `spr serve`: the reference proxy (DESIGN.md, the CLI contract). Answers on the proxied
 * twins of the protected hosts, fetches upstream, rewrites, classifies downloads and
 * uploads by `--policy`, writes audit events as JSON lines (`--audit FILE` or stdout) and
 * the rewriter's reports on stderr. Every option is checked before it listens (exit 2).
 */
export function registerServe(program: Command): void {
  const cmd = program
    .command('serve')
    .description('run the reference proxy: answer on proxied hosts, fetch upstream, rewrite, classify files, audit')
    .option('--port <n>', 'the port to listen on (0: a free one, named on stderr)')
    .option('--host <addr>', 'the address to listen on', '127.0.0.1')
    .option('--resolve <host=addr:port>', 'connect to ADDR:PORT for upstream HOST (*.example.com for every subdomain); repeatable', collect)
    .option('--upstream-scheme <scheme>', 'the scheme upstream hosts are fetched with: https (default) or http')
    .option('--policy <file>', 'classify downloads and uploads (and copy, paste, print) by this policy (JSON)')
    .option('--context <json>', 'the default session: {"user","groups","device","ip","location","userAgent"}')
    .option('--recipient-key <file>', 'with --policy, an armored OpenPGP public key for the openpgp protector (repeatable)', collect)
    .option('--trusted-proxy <addr[/bits]>', 'a balancer in front: its X-Forwarded-For names the client IP (repeatable)', collect)
    .option('--audit <file>', 'append audit events here as JSON lines (default: stdout)')
    .option('--no-runtime', 'do not inject the client runtime (URLs that pages build at run time then leave the proxy)')
    .option('--cert <pem>', "serve https with this certificate (chain) in PEM (e.g. a wildcard *.<suffix>)")
    .option('--key <pem>', 'the private key of --cert, in PEM')
    .option('--device-ca <pem>', 'ask clients for a certificate: one signed by these CAs marks the device managed, none or another unmanaged')
    .option('--workers <n>', 'run N processes with node:cluster (default: one process, no cluster)')
    .option('--timeout-connect <ms>', 'upstream connect timeout, TCP and TLS (default 10000): then 504')
    .option('--timeout-headers <ms>', 'upstream response head timeout (default 30000): then 504')
    .option('--timeout-body <ms>', 'the longest pause between upstream body chunks (default 30000)');
  addHostOptions(cmd).action(async (opts: ServeCliOptions) => {
    const settings = await serveSettingsFrom(opts);
    if (settings.workers === null) {
      await runServer(settings, 'single');
      exitSoon();
    } else if (cluster.isPrimary) {
      process.exitCode = await runPrimary(settings, settings.workers);
    } else {
      // The IPC channel to the primary would keep a worker alive when it is done. (Letting
      // go of it is no way out: a cluster worker that loses it exits 0 at once.)
      try {
        await runServer(settings, 'worker');
      } catch (err) {
        // Failed (the port is taken): the CLI reports the error and sets the exit code in
        // the microtasks after this, before the timer ends us; the primary reads the code.
        setTimeout(() => process.exit(), 0);
        throw err;
      }
      process.exit(0);
    }
  });
}

/**
 * Stopped: the process ends when its last handle closes; one that lingers (a peer that
 * never acknowledges the close) does not keep it for more than a second.
 */
function exitSoon(): void {
  setTimeout(() => process.exit(), 1000).unref();
}
