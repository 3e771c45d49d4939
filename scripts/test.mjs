// Runs the whole test suite (after a build, since the CLI tests run the built `spr`) and
// ends with one plain summary line, "tests: N passed, N failed, N skipped", that any CI
// log reader understands. Extra arguments go to vitest (e.g. a folder: npm test -- test/json).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;

if (run('npm', ['run', '--silent', 'build']) !== 0) {
  console.error('build failed');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'spr-test-'));
const report = join(dir, 'vitest.json');
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)]);
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
}
rmSync(dir, { recursive: true, force: true });
process.exit(status);
