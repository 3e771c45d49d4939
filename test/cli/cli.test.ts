import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
    const dir = mkdtempSync(join(tmpdir(), 'spr-cli-'));
    const config = join(dir, 'c.json');
    const input = join(dir, 'in.css');
    writeFileSync(config, JSON.stringify({ suffix: 'ignored.test', domains: ['*.example.com'], publicScheme: 'http', publicPort: 8080 }));
    writeFileSync(input, 'a{background:url(https://cdn.example.com/a.png)}');
    const r = spr(['rewrite', '--type', 'css', '--config', config, '--suffix', 'proxy.test', input]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('a{background:url(http://cdn.example.com.proxy.test:8080/a.png)}');
  });

  it('rewrites the bundled demo page (the README main command)', () => {
    const r = spr(['rewrite', '--type', 'html', '--config', 'examples/demo.config.json', 'examples/demo.html']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<a href="http://app.example.com.proxy.test:8080/account">');
    expect(r.stdout).toContain('<a href="mailto:support@example.com">support@example.com</a>');
    expect(r.stdout).not.toMatch(/(?:href|src|action)="https?:\/\/[a-z.]*example\.com[/"]/);
  });

  it.each([
    [['rewrite', '--type', 'json', '--suffix', 'proxy.test', '--domain', '*.com'], 2, /public suffix "com"/],
    [['rewrite', '--type', 'xml', '--suffix', 'proxy.test', '--domain', 'example.com'], 2, /--type must be one of/],
    [['rewrite', '--type', 'json', '--domain', 'example.com'], 2, /--suffix is required/],
    [['rewrite', '--type', 'json', '--suffix', 'proxy.test'], 2, /--domain is required/],
    [['rewrite', '--type', 'json', '--suffix', 'proxy.test', '--domain', 'example.com', '/no/such/file'], 1, /cannot read \/no\/such\/file: ENOENT/],
    [['rewrite', '--type', 'json', '--config', '/no/such/config.json'], 2, /cannot read config/],
    [['rewrite', '--bogus'], 1, /unknown option '--bogus'/],
  ])('%j fails with exit %i and one clear line', (args, code, message) => {
    const r = spr(args, '');
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });

  it('prints help', () => {
    const r = spr(['rewrite', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--type <type>');
    expect(r.stdout).toContain('--config <file>');
  });
});
