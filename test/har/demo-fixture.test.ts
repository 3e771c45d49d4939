import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { auditHar } from '../../src/har/audit/index.js';
import { validateHar } from '../../src/har/schema/validate-har.js';

// The README's main command (`npm run demo`): `spr har` with examples/har.config.json on the
// real capture of test/fixtures/har (mitmproxy.org through Charles; attribution in its
// README.md). Run from the source through tsx, as the demo runs the built CLI.

const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = 'test/fixtures/har/mitmproxy.org-charles.har';
const CONFIG = 'examples/har.config.json';

describe('the demo: spr har on the bundled real capture', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'har', '--config', CONFIG, FIXTURE], { cwd: root, encoding: 'utf8' });
  const { suffix, domains } = JSON.parse(readFileSync(root + CONFIG, 'utf8')) as { suffix: string; domains: string[] };

  it('is what package.json runs', () => {
    const pkg = JSON.parse(readFileSync(root + 'package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.demo).toContain(`node dist/cli/main.js har --config ${CONFIG} ${FIXTURE}`);
  });

  it('prints the summary on stderr: the page proxied and rewritten, the capture repaired, no escape left', () => {
    expect(run.status).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.map((l) => l.slice(0, l.indexOf(':')))).toEqual(['entries', 'bytes', 'rewrites', 'fallbacks', 'files', 'problems', 'escapes left', 'time']);
    expect(lines[0]).toBe('entries: 1 (1 on protected hosts, 1 changed)');
    expect(lines[2]).toMatch(/\bhtml 1\b/);
    // Charles wrote `redirectURL: null` and no pages: one repair, one report.
    expect(lines[5]).toBe('problems: normalized 1, no-pages 1');
    expect(lines[6]).toBe('escapes left: 0');
  });

  it('writes valid HAR 1.2 with the escapes of the capture gone', async () => {
    const before = await auditHar(Readable.from([readFileSync(root + FIXTURE)]), { suffix, domains });
    // The request itself, and the page's links to docs., slack. and the site's feed.
    expect(before.summary.byKind['request-url']).toBe(1);
    expect(before.summary.byKind['html-attr']).toBeGreaterThanOrEqual(13);
    const out = JSON.parse(run.stdout) as { log: { entries: Array<{ request: { url: string }; response: { content: { text: string } } }> } };
    expect(validateHar(out)).toEqual([]);
    expect(out.log.entries[0].request.url).toBe('https://mitmproxy.org.proxy.test/?=');
    expect(out.log.entries[0].response.content.text).toContain('href="https://docs.mitmproxy.org.proxy.test/stable"');
    expect((await auditHar(Readable.from([run.stdout]), { suffix, domains })).summary.escapes).toBe(0);
  });
});
