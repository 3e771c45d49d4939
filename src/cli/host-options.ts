import type { Command } from 'commander';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The options every command that rewrites takes. */
export function addHostOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'JSON file with the same options (suffix, domains, scheme, publicScheme, publicPort, …)')
    .option('--suffix <suffix>', 'proxy suffix, e.g. proxy.test')
    .option('--domain <pattern>', 'protected pattern (example.com or *.example.com); repeatable', collect)
    .option('--scheme <scheme>', 'host mapping: suffix (default) or flat')
    .option('--public-scheme <scheme>', "the proxy's public scheme: http or https")
    .option('--public-port <port>', "the proxy's public port")
    .option('--max-buffer <bytes>', 'per-unit buffer cap before the streaming fallback (default 16 MiB)');
}
