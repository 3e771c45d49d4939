#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../domain/index.js';
import { UsageError } from './config.js';
import { registerRewrite } from './rewrite-command.js';

const program = new Command('spr')
  .description('session-proxy-rewriter: rewrite protected hosts to their proxied twins')
  .exitOverride()
  .showHelpAfterError(false);
registerRewrite(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // Commander has printed its own one-line message (or the help text).
    process.exitCode = err.exitCode;
  } else if (err instanceof UsageError || err instanceof ConfigError) {
    process.stderr.write(`spr: ${err.message}\n`);
    process.exitCode = 2;
  } else {
    const e = err as NodeJS.ErrnoException;
    process.stderr.write(`spr: ${e.code === 'ENOENT' || e.code === 'EACCES' || e.code === 'EISDIR' ? `cannot read ${e.path ?? 'input'}: ${e.code}` : e.message}\n`);
    process.exitCode = 1;
  }
}
