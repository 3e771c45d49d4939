import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dirs.js';
import { certificateAuthority, clientCertificate, selfSignedServer } from './serve-certs.js';
import { auditLines, fetchVia, HOSTS, startServe, startUpstream } from './serve-support.js';

/**
 * `spr serve --cert/--key` (https, the certificate checked as a browser checks it) and
 * `--device-ca` (a client certificate signed by the device CA marks the device managed).
 */

const dir = tempDir('spr-serve-tls-');
// The suffix scheme: app.example.com is app.example.com.proxy.test, which `*.proxy.test` does not cover.
const server = selfSignedServer(dir, 'server', ['*.example.com.proxy.test']);
const deviceCa = certificateAuthority(dir, 'device-ca');
const laptop = clientCertificate(dir, 'laptop', deviceCa);
const strangerCa = certificateAuthority(dir, 'stranger-ca');
const stranger = clientCertificate(dir, 'stranger', strangerCa);

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const docx = readFileSync(fileURLToPath(new URL('../fixtures/files/report.docx', import.meta.url)));
const upstream = await startUpstream((req, res) => {
  if (req.url === '/report.docx') {
    res.writeHead(200, { 'content-type': DOCX_TYPE, 'content-disposition': 'attachment; filename="report.docx"' });
    res.end(docx);
  } else {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<html><head></head><body><a href="https://app.example.com/next">next</a></body></html>');
  }
});
const route = ['--upstream-scheme', 'http', '--resolve', `app.example.com=127.0.0.1:${upstream.port}`];
const APP = 'app.example.com.proxy.test';

describe('spr serve over TLS', () => {
  it('serves https with --cert/--key, and rewrites to https on its port', async () => {
    const serve = await startServe([...HOSTS, ...route, '--cert', server.cert, '--key', server.key, '--no-runtime']);
    expect(serve.listening).toBe(`spr serve: listening on https://127.0.0.1:${serve.port} for *.proxy.test (1 process)`);
    const page = await fetchVia(serve.port, APP, '/', { ca: server.certPem });
    expect(page.status).toBe(200);
    // With the certificate, the public scheme defaults to https.
    expect(page.text).toContain(`<a href="https://app.example.com.proxy.test:${serve.port}/next">`);
    // A name the certificate does not cover fails as in a browser.
    await expect(fetchVia(serve.port, 'proxy.test', '/', { ca: server.certPem })).rejects.toThrow(/altnames|Hostname/);
    expect(await serve.stop()).toEqual({ code: 0, signal: null });
  });

  it('marks the device managed when its client certificate is signed by --device-ca, unmanaged without one or with another CA’s', async () => {
    const policy = join(dir, 'monitor.json');
    writeFileSync(policy, JSON.stringify({ default: 'allow', rules: [{ name: 'Watch Word files', match: { fileExtension: ['docx'] }, action: 'monitor' }] }));
    // --context says managed: a claim, which the certificate (or its absence) overrides.
    const serve = await startServe([...HOSTS, ...route, '--cert', server.cert, '--key', server.key, '--device-ca', deviceCa.cert, '--policy', policy, '--context', '{"device":"managed","user":"ada"}']);
    const tls = { ca: server.certPem };
    expect((await fetchVia(serve.port, APP, '/report.docx', { ...tls, cert: laptop.certPem, key: laptop.keyPem })).body.equals(docx)).toBe(true);
    expect((await fetchVia(serve.port, APP, '/report.docx', tls)).body.equals(docx)).toBe(true);
    expect((await fetchVia(serve.port, APP, '/report.docx', { ...tls, cert: stranger.certPem, key: stranger.keyPem })).body.equals(docx)).toBe(true);
    expect(await serve.stop()).toEqual({ code: 0, signal: null });
    // No --audit: the audit lines are on stdout.
    const lines = auditLines(serve.stdout());
    expect(lines.map((l) => [l.action, l.user, l.device])).toEqual([
      ['monitor', 'ada', 'managed'],
      ['monitor', 'ada', 'unmanaged'],
      ['monitor', 'ada', 'unmanaged'],
    ]);
  });
});
