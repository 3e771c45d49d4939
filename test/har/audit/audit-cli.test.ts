import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { harEntry } from './entries.js';

// The real CLI (tsx on the sources, as test/cli/file.test.ts runs it).
const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'spr-audit-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const host = ['--suffix', 'proxy.test', '--domain', 'example.com', '--domain', '*.example.com'];
function spr(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'audit', ...args], { cwd: root, encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function harFile(name: string, entries: unknown[]): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries } }));
  return path;
}

const escaping = harFile('escaping.har', [
  harEntry({ text: '<p>x</p>\n<a href="https://www.example.com/x">x</a>' }),
  harEntry({ text: '<a href="https://www.example.com.proxy.test/x">clean</a>' }),
]);
const clean = harFile('clean.har', [harEntry({ text: '<a href="/x">x</a>' })]);

describe('spr audit', () => {
  it('lists each escape on one line and exits 1', () => {
    const r = spr([escaping, ...host]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('#0 html-attr a[href] https://www.example.com/x 2:18  <p>x</p> <a href="https://www.example.com/x">x</a>\n');
    expect(r.stderr).toContain('1 escape in 1 of 2 entries through the proxy');
  });

  it('exits 0 when there is none', () => {
    const r = spr([clean, ...host]);
    expect(r).toMatchObject({ code: 0, stdout: '' });
    expect(r.stderr).toContain('no escapes');
  });

  it('prints the report as JSON with --json, and writes the HTML page with --html', () => {
    const page = join(dir, 'report.html');
    const r = spr([escaping, ...host, '--json', '--html', page]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ tool: 'spr audit', clean: false, summary: { entries: 2, proxied: 2, escapes: 1 } });
    expect(report.escapes[0]).toMatchObject({ entry: 0, kind: 'html-attr', where: 'a[href]', host: 'www.example.com', line: 2, column: 18 });
    expect(readFileSync(page, 'utf8')).toContain('<td id="sum-escapes">1</td>');
  });

  it('audits the first --max-body bytes of a body and notes it', () => {
    const long = harFile('long.har', [harEntry({ text: `<a href="https://a.example.com/">a</a>${' '.repeat(2000)}<a href="https://b.example.com/">b</a>` })]);
    const report = JSON.parse(spr([long, ...host, '--json', '--max-body', '1024']).stdout);
    expect(report.escapes.map((e: { host: string }) => e.host)).toEqual(['a.example.com']);
    expect(report.summary.bodies).toEqual({ truncated: 1 });
    expect(report.notes[0].message).toContain('truncated audit');
  });

  it('reads stdin for -', () => {
    expect(spr(['-', ...host], readFileSync(escaping, 'utf8')).code).toBe(1);
  });

  it('takes the file decisions of a spr har --report summary', () => {
    const summary = join(dir, 'summary.json');
    writeFileSync(summary, JSON.stringify({ files: { list: [{ entry: 0, activity: 'download', url: 'https://www.example.com/a.zip', fileName: 'a.zip', action: 'block', rule: 'r', reason: 'why', deliveredName: 'a.zip.blocked.txt' }] } }));
    const r = spr([escaping, ...host, '--json', '--session', summary]);
    expect(JSON.parse(r.stdout).files).toMatchObject({ decisions: { block: 1 } });
  });

  it('exits 2 on bad input: no HAR, no file, no domain, an unknown option', () => {
    const notHar = join(dir, 'not.har');
    writeFileSync(notHar, '{"hello": "world"}');
    const broken = join(dir, 'broken.har');
    writeFileSync(broken, '{"log": {"entries": [');
    for (const args of [[notHar, ...host], [broken, ...host], [join(dir, 'missing.har'), ...host], [clean, '--suffix', 'proxy.test'], [clean, ...host, '--frobnicate'], [clean, '--suffix', 'proxy.test', '--domain', '*.com'], [clean, ...host, '--max-body', 'lots']]) {
      const r = spr(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});
