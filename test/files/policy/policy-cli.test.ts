import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/temp-dirs.js';

// The CLI from its source through tsx: the command as users run it, without depending on a fresh build.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = tempDir('spr-policy-');

function spr(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function policyFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('spr policy check', () => {
  it('prints OK and the number of rules, exit 0', () => {
    const file = policyFile('ok.json', JSON.stringify({ rules: [{ name: 'a', match: {}, action: 'monitor' }, { name: 'b', match: { device: ['unmanaged'] }, action: 'block' }] }));
    expect(spr(['policy', 'check', file])).toEqual({ code: 0, stdout: `${file}: OK (2 rules)\n`, stderr: '' });
  });

  it('prints one line per problem on stderr, each headed by the file, exit 2', () => {
    const file = policyFile('bad.json', JSON.stringify({ decide: 'strict', rules: [{ name: 'a', match: { ip: ['10.0.0.0/33'] }, action: 'deny' }] }));
    expect(spr(['policy', 'check', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        `${file}: decide: "strict" is not one of first, strictest (did you mean "strictest"?)`,
        `${file}: rules[0].action: "deny" is not one of allow, monitor, protect, block`,
        `${file}: rules[0].match.ip[0]: "10.0.0.0/33" is not an IP address or CIDR range`,
        '',
      ].join('\n'),
    });
  });

  it('reports a JSON syntax error with its line and column, exit 2', () => {
    const file = policyFile('syntax.json', '{\n  "rules": [,]\n}');
    expect(spr(['policy', 'check', file])).toEqual({ code: 2, stdout: '', stderr: `${file}: line 2, column 13: not valid JSON: unexpected ","\n` });
  });

  it('fails like any unreadable input, exit 1', () => {
    const r = spr(['policy', 'check', join(dir, 'missing.json')]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `spr: cannot read ${join(dir, 'missing.json')}: ENOENT\n` });
  });

  it('is a usage error without a file, exit 2', () => {
    const r = spr(['policy', 'check']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing required argument 'file'/);
  });
});
