#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../domain/index.js';
import { PolicyError } from '../files/index.js';
import { UsageError } from './config.js';
import { isClosedOutput } from './io.js';
import { registerAudit } from './audit-command.js';
import { registerFile } from './file-command.js';
import { registerHar } from './har-command.js';
import { registerPolicy } from './policy-command.js';
import { registerRewrite } from './rewrite-command.js';
import { registerServe } from './serve-command.js';

/** Exit codes (README): 0 done, 1 an input or output failed, 2 the command line or config is wrong. */
const EXIT_IO = 1;
const EXIT_USAGE = 2;

// From src/cli or dist/cli alike, the package root is two folders up.
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command('spr')
  .description('session-proxy-rewriter: rewrite protected hosts to their proxied twins')
  .version(version, '-V, --version', 'print the version')
  .exitOverride()
  .showHelpAfterError(false);
registerRewrite(program);
registerPolicy(program);
registerFile(program);
registerHar(program);
registerAudit(program);
registerServe(program);

// A reader that closed early (`spr … | head`) ends us quietly, even when its EPIPE comes
// after the pipeline has let go of stdout (the last flush), where nothing else listens.
// Other errors (the pipeline also destroys stdout with an input's error) are the
// pipeline's to report.
process.stdout.on('error', (err) => {
  if (isClosedOutput(err)) process.exit(0);
});

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = exitCodeFor(err);
}

/** Reports `err` on stderr (unless it is already printed, or no error at all) and returns the exit code. */
function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    // Commander has printed its own one-line message, or the help or the version (code 0).
    return err.exitCode === 0 ? 0 : EXIT_USAGE;
  }
  if (isClosedOutput(err)) return 0;
  if (err instanceof PolicyError) {
    // Every problem of the policy, one line each, as `spr policy check` prints them.
    for (const problem of err.problems) process.stderr.write(`spr: ${err.source ?? 'policy'}: ${problem}\n`);
    return EXIT_USAGE;
  }
  if (err instanceof UsageError || err instanceof ConfigError) {
    process.stderr.write(`spr: ${err.message}\n`);
    return EXIT_USAGE;
  }
  const e = err as NodeJS.ErrnoException;
  process.stderr.write(`spr: ${e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR' ? `cannot read ${e.path ?? 'input'}: ${e.code}` : e.message}\n`);
  return EXIT_IO;
}
