import { createServer } from 'node:net';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/temp-dirs.js';
import { HOSTS, runServe } from './serve-support.js';

/**
 * `spr serve` with options it cannot run with, as the CLI ends: exit 2 and one clear line
 * on stderr, before it listens. (Every check of the options is in serve-settings.test.ts;
 * here one of each kind goes through the real command.)
 */

const dir = tempDir('spr-serve-options-');
const badPolicy = join(dir, 'bad-policy.json');
writeFileSync(badPolicy, JSON.stringify({ default: 'allow', rules: [{ name: 'x', match: { fileExtension: ['docx'] }, action: 'shred' }] }));
const port = ['--port', '0'];

describe('spr serve: bad options', () => {
  it.each([
    [[...HOSTS, '--port', '70000'], /^spr: --port must be a whole number from 0 to 65535, not "70000"$/],
    [[...HOSTS, ...port, '--resolve', 'app.example.com=127.0.0.1'], /^spr: --resolve "app\.example\.com=127\.0\.0\.1": expected HOST=ADDR:PORT$/],
    [[...HOSTS, ...port, '--cert', join(dir, 'missing.pem'), '--key', join(dir, 'missing.key')], /^spr: cannot read --cert .*missing\.pem: ENOENT$/],
    [[...HOSTS, ...port, '--policy', badPolicy], /^spr: .*bad-policy\.json: .*action/],
    [[...HOSTS, ...port, '--bogus'], /unknown option '--bogus'/],
  ])('%j: exit 2, one line', (args, message) => {
    const r = runServe(args);
    expect(r.stderr.trim()).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  it('exits 1 with one line when the port is taken', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const busy = (taken.address() as AddressInfo).port;
    const r = runServe([...HOSTS, '--port', String(busy)]);
    taken.close();
    expect(r.stderr.trim()).toBe(`spr: cannot listen on 127.0.0.1:${busy}: EADDRINUSE`);
    expect(r.code).toBe(1);
  });

  it('exits 1 when the workers cannot listen (the port is taken), with no restart loop', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const busy = (taken.address() as AddressInfo).port;
    const r = runServe([...HOSTS, '--port', String(busy), '--workers', '2']);
    taken.close();
    expect(r.stderr).toContain(`cannot listen on 127.0.0.1:${busy}: EADDRINUSE`);
    expect(r.stderr).not.toContain('starting another');
    expect(r.code).toBe(1);
  });
});
