import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveSettingsFrom, type ServeCliOptions } from '../../src/cli/serve/settings.js';
import { tempDir } from '../helpers/temp-dirs.js';
import { selfSignedServer } from './serve-certs.js';

/**
 * `spr serve`'s options, read and checked before it listens: the defaults the command
 * line leaves to it, and a clear refusal of each mistake (the CLI prints it as one line and
 * exits 2, serve-options.test.ts).
 */

const dir = tempDir('spr-serve-settings-');
const server = selfSignedServer(dir, 'server', ['*.proxy.test']);
const other = selfSignedServer(dir, 'other', ['*.proxy.test']);
const notPem = join(dir, 'not.pem');
writeFileSync(notPem, 'hello');
const policy = join(dir, 'policy.json');
writeFileSync(policy, JSON.stringify({ default: 'allow', rules: [{ name: 'No Word files', match: { fileExtension: ['docx'] }, action: 'block' }] }));
const badPolicy = join(dir, 'bad-policy.json');
writeFileSync(badPolicy, JSON.stringify({ default: 'allow', rules: [{ name: 'x', match: { fileExtension: ['docx'] }, action: 'shred' }] }));

/** The options as commander hands them over for `--suffix proxy.test --domain example.com --port 8080` and `more`. */
const cli = (more: Partial<ServeCliOptions> = {}): ServeCliOptions => ({ suffix: 'proxy.test', domain: ['example.com', '*.example.com'], port: '8080', runtime: true, ...more });

describe('spr serve settings', () => {
  it('defaults: 127.0.0.1, public scheme http, upstream https, public port left to the listening port, one process, the runtime on, audit on stdout', async () => {
    const s = await serveSettingsFrom(cli());
    expect(s).toMatchObject({ port: 8080, host: '127.0.0.1', tls: null, resolve: {}, files: null, session: null, auditPath: null, runtime: true, workers: null, timeouts: {} });
    expect(s.rewriter).toMatchObject({ suffix: 'proxy.test', domains: ['example.com', '*.example.com'], publicScheme: 'http', upstreamScheme: 'https' });
    expect(s.rewriter.publicPort).toBeUndefined();
  });

  it('with --cert/--key the public scheme defaults to https; flags say otherwise when given', async () => {
    expect((await serveSettingsFrom(cli({ cert: server.cert, key: server.key }))).rewriter.publicScheme).toBe('https');
    const behindBalancer = await serveSettingsFrom(cli({ publicScheme: 'https', publicPort: '443', upstreamScheme: 'http' }));
    expect(behindBalancer.rewriter).toMatchObject({ publicScheme: 'https', publicPort: 443, upstreamScheme: 'http' });
  });

  it('reads --config for the rewriter options, flags winning', async () => {
    const config = join(dir, 'config.json');
    writeFileSync(config, JSON.stringify({ suffix: 'proxy.example.net', domains: ['example.org'], scheme: 'flat', upstreamScheme: 'http', publicPort: 443 }));
    const s = await serveSettingsFrom({ config, port: '0', runtime: true, publicPort: '8443' });
    expect(s.rewriter).toMatchObject({ suffix: 'proxy.example.net', domains: ['example.org'], scheme: 'flat', upstreamScheme: 'http', publicPort: 8443, publicScheme: 'http' });
  });

  it('reads --resolve entries (wildcards, IPv6 in brackets, host names) into the handler\'s map', async () => {
    const s = await serveSettingsFrom(cli({ resolve: ['App.Example.com=127.0.0.1:8081', '*.example.com=[::1]:8443', 'api.example.com=upstream.internal:80'] }));
    expect(s.resolve).toEqual({ 'app.example.com': '127.0.0.1:8081', '*.example.com': '[::1]:8443', 'api.example.com': 'upstream.internal:80' });
  });

  it('reads the policy with its protectors, the session, the audit file, workers and timeouts', async () => {
    const audit = join(dir, 'audit.jsonl');
    const s = await serveSettingsFrom(cli({ policy, context: '{"device":"unmanaged","location":"home"}', audit, workers: '4', timeoutConnect: '2000', timeoutHeaders: '5000', timeoutBody: '60000', runtime: false }));
    expect(s.files?.policy?.rules).toEqual(['No Word files']);
    expect(s.files?.defaultProtector).toBe('label');
    expect(s.session).toEqual({ device: 'unmanaged', location: ['home'] });
    expect(s.auditPath).toBe(audit);
    // The audit file is opened (and so created) now, so a path that cannot be written fails here.
    expect(readFileSync(audit, 'utf8')).toBe('');
    expect(s).toMatchObject({ workers: 4, runtime: false, timeouts: { connect: 2000, headers: 5000, body: 60000 } });
  });

  it('reads the TLS files, with the device CA', async () => {
    const s = await serveSettingsFrom(cli({ cert: server.cert, key: server.key, deviceCa: other.cert }));
    expect(s.tls?.cert.equals(server.certPem)).toBe(true);
    expect(s.tls?.deviceCa?.equals(other.certPem)).toBe(true);
  });

  it.each<[Partial<ServeCliOptions>, RegExp]>([
    [{ port: undefined }, /--port is required/],
    [{ port: '70000' }, /--port must be a whole number from 0 to 65535, not "70000"/],
    [{ port: '80x' }, /--port must be a whole number/],
    [{ port: '0x50' }, /--port must be a whole number/],
    [{ port: '' }, /--port must be a whole number/],
    [{ resolve: ['app.example.com'] }, /--resolve "app.example.com": expected HOST=ADDR:PORT/],
    [{ resolve: ['=127.0.0.1:80'] }, /expected HOST=ADDR:PORT/],
    [{ resolve: ['app.example.com=127.0.0.1'] }, /--resolve "app.example.com=127.0.0.1": expected HOST=ADDR:PORT/],
    [{ resolve: ['app.example.com=127.0.0.1:0'] }, /--resolve app.example.com=127.0.0.1:0: port must be a whole number from 1 to 65535/],
    [{ resolve: ['app.example.com=::1:443'] }, /"::1" is not an IPv4 address, \[IPv6\] address or host name/],
    [{ resolve: ['app.example.com=[127.0.0.1]:443'] }, /"\[127.0.0.1\]" is not an IPv4 address/],
    [{ resolve: ['app.example.com=*.internal:443'] }, /"\*.internal" is not an IPv4 address/],
    [{ resolve: ['a b=127.0.0.1:80'] }, /"a b" is not a host name/],
    [{ resolve: ['a.example.com=127.0.0.1:80', 'A.example.com=127.0.0.2:80'] }, /a\.example\.com is resolved twice/],
    [{ upstreamScheme: 'ftp' }, /upstreamScheme must be "http" or "https", not "ftp"/],
    [{ publicScheme: 'gopher' }, /publicScheme must be "http" or "https"/],
    [{ domain: ['*.com'] }, /public suffix "com"/],
    [{ cert: join(dir, 'missing.pem'), key: server.key }, /cannot read --cert .*missing\.pem: ENOENT/],
    [{ cert: notPem, key: server.key }, /--cert .*not\.pem is not a PEM file/],
    [{ cert: server.cert, key: other.key }, /--cert .* \/ --key .*: .*key values mismatch/],
    [{ cert: server.cert, key: server.key, deviceCa: notPem }, /--device-ca .*not\.pem is not a PEM file/],
    [{ cert: server.cert }, /--cert and --key go together/],
    [{ deviceCa: server.cert }, /--device-ca needs TLS/],
    [{ workers: '0' }, /--workers must be a whole number from 1 to 256, not "0"/],
    [{ workers: '1000' }, /--workers must be a whole number from 1 to 256/],
    [{ timeoutConnect: '-5' }, /--timeout-connect must be a whole number/],
    [{ timeoutBody: '0' }, /--timeout-body must be a whole number from 1/],
    [{ policy: join(dir, 'nope.json') }, /cannot read .*nope\.json: ENOENT/],
    [{ policy: badPolicy }, /bad-policy\.json: .*action/],
    [{ recipientKey: [notPem] }, /--recipient-key goes with --policy/],
    [{ context: '{"device":1}' }, /--context: device must be a string/],
    [{ audit: join(dir, 'no/such/dir/audit.jsonl') }, /cannot write --audit .*: ENOENT/],
  ])('refuses %j', async (more, message) => {
    await expect(serveSettingsFrom(cli(more))).rejects.toThrow(message);
  });
});
