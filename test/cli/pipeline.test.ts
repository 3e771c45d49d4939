import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';

// `spr rewrite --content-type`: one body through the whole pipeline, as a proxy treats it.
const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'dist/cli/main.js');
const host = ['--suffix', 'proxy.test', '--domain', 'acme-docs.com', '--domain', '*.acme-docs.com'];

function spr(args: string[], input: Buffer | string) {
  const r = spawnSync(process.execPath, [bin, 'rewrite', ...host, ...args], { cwd: root, input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}

beforeAll(() => {
  if (!existsSync(bin)) execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
});

describe('spr rewrite --content-type', () => {
  it('decodes gzip, rewrites by type, re-encodes in gzip', () => {
    const r = spr(['--content-type', 'text/html; charset=utf-8', '--content-encoding', 'gzip'], gzipSync('<a href="https://app.acme-docs.com/">x</a>'));
    expect(r.code).toBe(0);
    expect(gunzipSync(r.stdout).toString()).toBe('<a href="https://app.acme-docs.com.proxy.test/">x</a>');
  });

  it('handles stacked codings and +json types', () => {
    const body = brotliCompressSync(gzipSync('{"self":"https://api.acme-docs.com/x"}'));
    const r = spr(['--content-type', 'application/problem+json', '--content-encoding', 'gzip, br'], body);
    expect(gunzipSync(brotliDecompressSync(r.stdout)).toString()).toBe('{"self":"https://api.acme-docs.com.proxy.test/x"}');
  });

  it('rewrites SVG by --type xml as the XML parser reads it (a self-closed script does not swallow the rest)', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><script xlink:href="https://app.acme-docs.com/a.js"/><a xlink:href="https://app.acme-docs.com/b">b</a></svg>';
    const r = spawnSync(process.execPath, [bin, 'rewrite', ...host, '--type', 'xml'], { cwd: root, input: svg });
    expect(r.stdout.toString()).toBe(svg.replaceAll('app.acme-docs.com/', 'app.acme-docs.com.proxy.test/'));
  });

  it('passes a type it does not rewrite byte-identical', () => {
    const body = Buffer.from('see https://app.acme-docs.com/');
    expect(spr(['--content-type', 'text/plain'], body).stdout.equals(body)).toBe(true);
  });

  it('maps a request body back with --direction request', () => {
    const r = spr(['--content-type', 'application/x-www-form-urlencoded', '--direction', 'request'], 'u=https%3A%2F%2Fapp.acme-docs.com.proxy.test%2Fcb');
    expect(r.stdout.toString()).toBe('u=https%3A%2F%2Fapp.acme-docs.com%2Fcb');
  });

  it('refuses a decompression bomb: exit 1, one line naming the limit', () => {
    // 64 MiB of spaces (valid JSON whitespace, so no other event) in brotli: past the
    // default 1000:1 ratio once 16 MiB are decoded.
    const bomb = brotliCompressSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } });
    const r = spr(['--content-type', 'application/json', '--content-encoding', 'br'], bomb);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^spr: decoded body exceeds 1000:1/);
  });

  it.each([
    [['--content-type', 'text/html', '--type', 'html'], /not both/],
    [['--content-type', 'text/html', '--direction', 'sideways'], /--direction must be response or request/],
    [['--content-type', 'text/html', '--content-encoding', 'compress'], /not a coding this machine can decode/],
    [['--type', 'html', '--content-encoding', 'gzip'], /go with --content-type/],
  ])('%j is a usage error (exit 2)', (args, message) => {
    const r = spr(args, '');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});
