import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { entry } from './session/helpers.js';

// `spr har`'s summary line "escapes left": the independent audit on each entry written,
// reading at most 512 KiB of a body (its parse trees are large); a longer body is counted
// in part, and the summary says so.

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'spr-har-escapes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sprHar(bodies: string[]): string {
  const har = {
    log: {
      version: '1.2',
      creator: { name: 'test', version: '1' },
      pages: [],
      entries: bodies.map((text, i) => entry({ url: `https://app.example.com/${i}`, headers: [['Content-Type', 'text/html']], text })),
    },
  };
  const file = join(dir, `${bodies.length}-${bodies[0].length}.har`);
  writeFileSync(file, JSON.stringify(har));
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'har', file, '--suffix', 'proxy.test', '--domain', 'example.com', '--domain', '*.example.com', '-o', join(dir, 'out.har')], { cwd: root, encoding: 'utf8' });
  expect(r.status).toBe(0);
  return r.stderr;
}

const link = '<a href="https://www.example.com/x">x</a>\n';

describe('spr har: escapes left', () => {
  it('audits each body it writes: none left, nothing said about bodies it read whole', () => {
    const stderr = sprHar([link.repeat(100), link]);
    expect(stderr).toMatch(/^escapes left: 0$/m);
    expect(stderr).toMatch(/^problems: none$/m);
  });

  it('counts a body past 512 KiB in part, and says so', () => {
    const stderr = sprHar([link.repeat(Math.ceil((600 * 1024) / link.length)), link]);
    expect(stderr).toMatch(/^escapes left: 0$/m);
    expect(stderr).toMatch(/^problems: escapes-counted-in-part 1$/m);
  });
});
