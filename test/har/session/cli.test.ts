import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Har } from '../../../src/har/har-types.js';
import { validateHar } from '../../../src/har/schema/validate-har.js';
import { entry } from './helpers.js';

// `spr har` as a user runs it, from the source through tsx: the HAR to -o or stdout, the
// summary on stderr (no progress bar: stderr is not a terminal here), --report as JSON,
// exit 2 with one line for a file that is not a HAR or a wrong command line.

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'spr-har-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corpus = fileURLToPath(new URL('../../../../shared/corpus/har/', import.meta.url));
const HOSTS = ['--suffix', 'proxy.test', '--domain', 'example.com', '--domain', '*.example.com'];

function spr(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

const har: Har = {
  log: {
    version: '1.2',
    creator: { name: 'test', version: '1' },
    pages: [{ startedDateTime: '2024-05-01T10:00:00.000Z', id: 'page_1', title: 'https://app.example.com/', pageTimings: { onLoad: 100 } }],
    entries: [
      entry({ url: 'https://app.example.com/', headers: [['Content-Type', 'text/html']], text: '<a href="https://www.example.com/x">x</a>', pageref: 'page_1' }),
      entry({ url: 'https://cdn.other.net/a.js', headers: [['Content-Type', 'text/javascript']], text: 'fetch("https://app.example.com/")', pageref: 'page_1' }),
    ],
  },
};

describe('spr har', () => {
  it('writes the proxied session to -o, the summary to stderr and --report as JSON', () => {
    const input = write('in.har', har);
    const output = join(dir, 'out.har');
    const report = join(dir, 'report.json');
    const r = spr(['har', input, ...HOSTS, '-o', output, '--report', report]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('entries: 2 (1 on protected hosts, 1 changed)');
    expect(lines).toContain('problems: none');
    expect(r.stderr).not.toContain('\x1b');
    const out = JSON.parse(readFileSync(output, 'utf8')) as Har;
    expect(validateHar(out)).toEqual([]);
    expect(out.log.entries[0].request.url).toBe('https://app.example.com.proxy.test/');
    expect(out.log.entries[0].response.content.text).toBe('<a href="https://www.example.com.proxy.test/x">x</a>');
    expect(out.log.entries[1]).toEqual(har.log.entries[1]);
    expect(out.log.pages?.[0].title).toBe('https://app.example.com.proxy.test/');
    const summary = JSON.parse(readFileSync(report, 'utf8'));
    expect(summary.entries).toEqual({ total: 2, proxied: 1, changed: 1 });
    expect(summary.bytes.in).toBe(readFileSync(input).length);
    expect(summary.bytes.out).toBe(readFileSync(output).length);
    expect(summary.rewrites).toMatchObject({ url: 1, html: 1, 'page-title': 1 });
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
  });

  it('writes to stdout without -o, and runs a blocked download through --policy and --context', () => {
    const policy = write('policy.json', { rules: [{ name: 'No CSV at home', match: { activity: ['download'], fileExtension: ['csv'], location: ['home'] }, action: 'block' }] });
    const csv = entry({ url: 'https://app.example.com/export.csv', headers: [['Content-Type', 'text/csv'], ['Content-Disposition', 'attachment; filename=export.csv']], text: 'a,b\n1,2\n', mimeType: 'text/csv' });
    const input = write('files.har', { log: { ...har.log, entries: [csv] } });
    const r = spr(['har', input, ...HOSTS, '--policy', policy, '--context', '{"location":"home","device":"unmanaged"}']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Har;
    expect(out.log.entries[0].response.content.text).toMatch(/^Download restricted\nexport\.csv\n/);
    expect(r.stderr).toContain('files: 1 download, 0 uploads; block 1');
  });

  it('exits 2 with one line for a file that is not a HAR, and for a wrong command line', () => {
    const notHar = spr(['har', write('x.json', { hello: 1 }), ...HOSTS, '-o', join(dir, 'never.har')]);
    expect(notHar.code).toBe(2);
    expect(notHar.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(notHar.stderr).toMatch(/^spr: .*x\.json: /);
    expect(existsSync(join(dir, 'never.har'))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.includes('.partial-'))).toEqual([]);
    const text = spr(['har', write('t.har', 'hello'), ...HOSTS]);
    expect(text.code).toBe(2);
    const context = spr(['har', write('c.har', har), ...HOSTS, '--context', '{"device":"managed"}']);
    expect(context.code).toBe(2);
    expect(context.stderr).toBe('spr: --context and --recipient-key go with --policy\n');
    expect(spr(['har', write('d.har', har), '--suffix', 'proxy.test']).code).toBe(2);
    // An output that cannot be written is an I/O failure (exit 1), found before anything is read.
    const nowhere = spr(['har', write('e.har', har), ...HOSTS, '-o', join(dir, 'no-such-folder', 'out.har')]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/^spr: cannot write .*out\.har: ENOENT\n$/);
  });

  it.skipIf(!existsSync(corpus))('runs a real capture with a BOM (Fiddler) and reports it', () => {
    const output = join(dir, 'cnn.har');
    const r = spr(['har', join(corpus, 'harviewer__fiddler_m.cnn.com.har'), '--suffix', 'proxy.test', '--domain', 'cnn.com', '--domain', '*.cnn.com', '-o', output]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^problems: .*\bbom 1\b/m);
    // Its `pages: null` is left out (HAR 1.2 has no null pages): one repair.
    expect(r.stderr).toMatch(/^problems: .*\bnormalized 1\b/m);
    const out = JSON.parse(readFileSync(output, 'utf8')) as Har;
    expect(out.log.entries.some((e) => e.request.url.startsWith('http://www.cnn.com.proxy.test/'))).toBe(true);
  });
});
