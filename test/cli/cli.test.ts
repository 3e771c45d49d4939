import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/temp-dirs.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'dist/cli/main.js');

function spr(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  // `npm test` builds first; a bare `npx vitest` may not have.
  if (!existsSync(bin)) execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
});

describe('spr rewrite', () => {
  const hostArgs = ['--suffix', 'proxy.test', '--domain', 'example.com', '--domain', '*.example.com'];

  it('rewrites JSON from stdin to stdout', () => {
    const r = spr(['rewrite', '--type', 'json', ...hostArgs], '{"u":"https://api.example.com/v1","mail":"a@example.com"}');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"u":"https://api.example.com.proxy.test/v1","mail":"a@example.com"}');
  });

  it('reads FILE and takes options from --config, flags winning', () => {
    const dir = tempDir('spr-cli-');
    const config = join(dir, 'c.json');
    const input = join(dir, 'in.css');
    writeFileSync(config, JSON.stringify({ suffix: 'ignored.test', domains: ['*.example.com'], publicScheme: 'http', publicPort: 8080 }));
    writeFileSync(input, 'a{background:url(https://cdn.example.com/a.png)}');
    const r = spr(['rewrite', '--type', 'css', '--config', config, '--suffix', 'proxy.test', input]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('a{background:url(http://cdn.example.com.proxy.test:8080/a.png)}');
  });

  it('rewrites the bundled demo page with its config (spr rewrite --config)', () => {
    const r = spr(['rewrite', '--type', 'html', '--config', 'examples/demo.config.json', 'examples/demo.html']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<a href="http://app.example.com.proxy.test:8080/account">');
    expect(r.stdout).toContain('<a href="mailto:support@example.com">support@example.com</a>');
    expect(r.stdout).not.toMatch(/(?:href|src|action)="https?:\/\/[a-z.]*example\.com[/"]/);
  });

  it.each([
    [['rewrite', '--type', 'json', '--suffix', 'proxy.test', '--domain', '*.com'], 2, /public suffix "com"/],
    [['rewrite', '--type', 'yaml', '--suffix', 'proxy.test', '--domain', 'example.com'], 2, /--type must be one of/],
    [['rewrite', '--type', 'json', '--domain', 'example.com'], 2, /--suffix is required/],
    [['rewrite', '--type', 'json', '--suffix', 'proxy.test'], 2, /--domain is required/],
    [['rewrite', '--type', 'json', '--suffix', 'proxy.test', '--domain', 'example.com', '/no/such/file'], 1, /cannot read \/no\/such\/file: ENOENT/],
    [['rewrite', '--type', 'json', '--config', '/no/such/config.json'], 2, /cannot read config/],
    // Commander's own usage errors are usage errors too (exit 2).
    [['rewrite', '--bogus'], 2, /unknown option '--bogus'/],
    [['rewrite', '--type'], 2, /argument missing/],
    [['frobnicate'], 2, /unknown command 'frobnicate'/],
    [['rewrite', '--type', 'html', '--charset', 'utf-9', '--suffix', 'proxy.test', '--domain', 'example.com'], 2, /--charset "utf-9" is not a WHATWG encoding label/],
  ])('%j fails with exit %i and one clear line', (args, code, message) => {
    const r = spr(args, '');
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('reads stdin when FILE is -', () => {
    const r = spr(['rewrite', '--type', 'json', ...hostArgs, '-'], '["//app.example.com/"]');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('["//app.example.com.proxy.test/"]');
  });

  it('takes any WHATWG charset label, in any case and with spaces', () => {
    // Shift_JIS 0x95 0x5C is one character (表); the 0x5C is no backslash, the URL still ends at its quote.
    const page = Buffer.concat([Buffer.from('<script>x="'), Buffer.from([0x95, 0x5c]), Buffer.from('";u="https://app.example.com/"</script>')]);
    const r = spawnSync(process.execPath, [bin, 'rewrite', '--type', 'html', '--charset', ' SJIS ', ...hostArgs], { cwd: root, input: page });
    expect(r.status).toBe(0);
    expect(r.stdout.includes(Buffer.from('u="https://app.example.com.proxy.test/"'))).toBe(true);
  });

  it('names unknown config keys in a usage error', () => {
    const dir = tempDir('spr-cli-');
    const config = join(dir, 'c.json');
    writeFileSync(config, JSON.stringify({ suffix: 'proxy.test', domain: ['example.com'], publicscheme: 'http', colour: 'red' }));
    const r = spr(['rewrite', '--type', 'json', '--config', config], '');
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('unknown keys "domain" (did you mean "domains"?), "publicscheme" (did you mean "publicScheme"?), "colour"');
    expect(r.stdout).toBe('');
  });

  it('prints its version, the one in package.json', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const r = spr([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
  });

  it('without a command prints the usage on stderr and exits 2', () => {
    const r = spr([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage: spr');
  });

  it('ends quietly with 0 when the reader of its output goes away (spr … | head -c 10)', async () => {
    const dir = tempDir('spr-cli-');
    const input = join(dir, 'big.css');
    // 8 MB: far more than a pipe holds, so spr is still writing when the reader leaves.
    writeFileSync(input, 'a{b:url(https://app.example.com/i.png)}\n'.repeat(200_000));
    const child = spawn(process.execPath, [bin, 'rewrite', '--type', 'css', ...hostArgs, input], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const first = await new Promise<Buffer>((resolve) => child.stdout.once('data', resolve));
    child.stdout.destroy();
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    expect(first.toString()).toMatch(/^a\{b:url\(https:\/\/app\.example\.com\.proxy\.test\/i\.png\)\}/);
    expect([code, signal]).toEqual([0, null]);
    expect(stderr).toBe('');
  });

  it('prints help', () => {
    const r = spr(['rewrite', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--type <type>');
    expect(r.stdout).toContain('--config <file>');
    expect(r.stderr).toBe('');
  });
});
