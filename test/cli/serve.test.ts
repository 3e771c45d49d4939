import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runtimeSource } from '../../src/proxy/runtime/index.js';
import { tempDir } from '../helpers/temp-dirs.js';
import { auditLines, fetchVia, HOSTS, startServe, startUpstream } from './serve-support.js';

/**
 * `spr serve` end to end: a real upstream on 127.0.0.1 (reached with --resolve, over
 * http with --upstream-scheme http), the real CLI, real requests with the proxied Host.
 */

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const docx = readFileSync(fileURLToPath(new URL('../fixtures/files/report.docx', import.meta.url)));
const PAGE = '<!doctype html><html><head><title>App</title></head><body><a href="https://app.example.com/account">account</a><img src="https://cdn.example.com/logo.png"><a href="https://other.test/">other</a></body></html>';

const upstream = await startUpstream((req, res) => {
  if (req.url === '/report.docx') {
    res.writeHead(200, { 'content-type': DOCX_TYPE, 'content-disposition': 'attachment; filename="report.docx"' });
    res.end(docx);
  } else if (req.url === '/slow') {
    // An exchange in flight when the stop signal comes.
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('first half, ');
    setTimeout(() => res.end('second half'), 1500);
  } else {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
  }
});
const route = ['--upstream-scheme', 'http', '--resolve', `app.example.com=127.0.0.1:${upstream.port}`];
const APP = 'app.example.com.proxy.test';

describe('spr serve', () => {
  it('serves a proxied page rewritten, with the client runtime at the start of <head>, and stops on SIGTERM with exit 0', async () => {
    const serve = await startServe([...HOSTS, ...route]);
    expect(serve.listening).toBe(`spr serve: listening on http://127.0.0.1:${serve.port} for *.proxy.test (1 process)`);
    const page = await fetchVia(serve.port, APP, '/');
    expect(page.status).toBe(200);
    // The public scheme defaults to http (no --cert) and the public port to the one it listens on.
    expect(page.text).toContain(`<a href="http://app.example.com.proxy.test:${serve.port}/account">`);
    expect(page.text).toContain(`<img src="http://cdn.example.com.proxy.test:${serve.port}/logo.png">`);
    expect(page.text).toContain('<a href="https://other.test/">');
    const head = page.text.indexOf('<head>');
    const runtime = page.text.indexOf(runtimeSource());
    expect(runtime).toBeGreaterThan(head);
    expect(page.text.slice(head + '<head>'.length, runtime)).toMatch(/^<script\b/);
    expect(runtime).toBeLessThan(page.text.indexOf('<title>'));
    expect(await serve.stop()).toEqual({ code: 0, signal: null });
  });

  it('serves the page without the runtime with --no-runtime', async () => {
    const serve = await startServe([...HOSTS, ...route, '--no-runtime']);
    const page = await fetchVia(serve.port, APP, '/');
    expect(page.text).toContain(`<a href="http://app.example.com.proxy.test:${serve.port}/account">`);
    expect(page.text).not.toContain(runtimeSource());
    expect(page.text).toContain('<head><title>App</title>');
    expect(await serve.stop()).toEqual({ code: 0, signal: null });
  });

  it('answers 404 on a host that is no proxied twin, and fetches nothing; the health check there', async () => {
    const serve = await startServe([...HOSTS, ...route]);
    const before = upstream.paths.length;
    // The balancer's health check, on the proxy's own address: no twin, so the path is spr's.
    const health = await fetchVia(serve.port, '127.0.0.1', '/__spr/health');
    expect([health.status, health.text]).toEqual([200, 'ok\n']);
    expect((await fetchVia(serve.port, APP, '/__spr/health')).text).not.toBe('ok\n');
    for (const host of ['app.example.com', 'other.test.proxy.test', 'proxy.test', 'app.example.com.evil.test']) {
      const r = await fetchVia(serve.port, host, '/never-fetched');
      expect(r.status, host).toBe(404);
    }
    expect(upstream.paths.slice(before)).not.toContain('/never-fetched');
    expect(await serve.stop()).toEqual({ code: 0, signal: null });
  });

  it('blocks a download by --policy: the user gets the notice, the audit line (with the forwarded client IP) goes to --audit FILE and nothing to stdout', async () => {
    const dir = tempDir('spr-serve-');
    const policy = join(dir, 'policy.json');
    const audit = join(dir, 'audit.jsonl');
    const message = 'Office files stay in the office.';
    writeFileSync(policy, JSON.stringify({ default: 'allow', rules: [{ name: 'No Word files', match: { fileExtension: ['docx'] }, action: 'block', message }] }));
    // The test is the balancer: --trusted-proxy 127.0.0.1 makes its X-Forwarded-For the client's IP.
    const serve = await startServe([...HOSTS, ...route, '--policy', policy, '--audit', audit, '--context', '{"user":"ada","device":"unmanaged"}', '--trusted-proxy', '127.0.0.1']);
    const r = await fetchVia(serve.port, APP, '/report.docx', undefined, { 'x-forwarded-for': '203.0.113.7' });
    expect(r.status).toBe(200);
    expect(r.body.includes(docx.subarray(0, 64))).toBe(false);
    expect(r.text).toContain(message);
    expect(r.headers['content-disposition']).toContain('report.docx.blocked.txt');
    expect(await serve.stop()).toEqual({ code: 0, signal: null });
    const lines = auditLines(readFileSync(audit, 'utf8'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ type: 'file-decision', action: 'block', rule: 'No Word files', fileName: 'report.docx', activity: 'download', user: 'ada', device: 'unmanaged', ip: '203.0.113.7', appHost: 'app.example.com' });
    expect(serve.stdout()).toBe('');
  });

  it('finishes an exchange in flight on SIGTERM before it exits 0', async () => {
    const serve = await startServe([...HOSTS, ...route]);
    const slow = fetchVia(serve.port, APP, '/slow');
    // The stop signal comes once the upstream has the request and is still sending.
    while (!upstream.paths.includes('/slow')) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 200));
    const stopped = serve.stop();
    expect((await slow).text).toBe('first half, second half');
    expect(await stopped).toEqual({ code: 0, signal: null });
  });
});
