import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parsePolicyText, PolicyError } from '../files/index.js';

/** Exit code of a policy with problems: the same as a wrong command line or config (README). */
const EXIT_INVALID = 2;

/**
 * `spr policy check POLICY.json`: `POLICY.json: OK (N rules)` on stdout, or one line per
 * problem on stderr (`POLICY.json: rules[2].match.ip[0]: …`, so editors and CI jump to
 * it) and exit 2. A file that cannot be read fails like any input (exit 1).
 */
export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('file-control policies');
  policy
    .command('check')
    .description('validate a policy file: exit 0, or one line per problem and exit 2')
    .argument('<file>', 'the policy (JSON)')
    .action(async (file: string) => {
      const text = await readFile(file, 'utf8');
      try {
        const { rules } = parsePolicyText(text, file);
        process.stdout.write(`${file}: OK (${rules.length} rule${rules.length === 1 ? '' : 's'})\n`);
      } catch (err) {
        if (!(err instanceof PolicyError)) throw err;
        for (const problem of err.problems) process.stderr.write(`${file}: ${problem}\n`);
        process.exitCode = EXIT_INVALID;
      }
    });
}
