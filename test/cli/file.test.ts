import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import { readLabels } from '../../src/files/index.js';
import { tempDir } from '../helpers/temp-dirs.js';

/**
 * `spr file` and `spr policy check` as an admin runs them, from the source through tsx
 * (no stale build): the decision on stdout, and in OUT exactly what the user would get.
 * Expectations come from the policy semantics (DESIGN.md "The policy file", issue 9) and
 * what the fixtures hold (test/fixtures/files/README.md).
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = join(root, 'test/fixtures/files');
const dir = tempDir('spr-file-');
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const SSN = '\\b\\d{3}-\\d{2}-\\d{4}\\b';
const CONFIDENTIAL = { id: '3a8e5b2c-6f41-4d7e-9b1a-0c2d4e6f8a10', siteId: '9f8e7d6c-5b4a-4321-8fed-cba987654321' };

function spr(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `spr file` that must succeed: its decision, parsed. */
function decide(args: string[]): Record<string, unknown> {
  const r = spr(['file', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const fixture = (name: string) => join(fixtures, name);
const bytesOf = (name: string) => readFileSync(fixture(name));
let n = 0;
const out = () => join(dir, `out-${++n}`);

function write(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return path;
}

const policies = {
  /** Off-site unmanaged devices may not take SSNs away. */
  offsite: write('offsite.json', {
    rules: [
      {
        name: 'Unmanaged off-site: no SSNs',
        match: { device: ['unmanaged'], ip: ['203.0.113.0/24'], location: ['!corporate'], content: [SSN] },
        action: 'block',
        message: 'Files with SSNs open only on managed devices.',
      },
    ],
  }),
  /** Decided by what the file is called and declared as. */
  byFacts: write('by-facts.json', {
    rules: [
      { name: 'No spreadsheets', match: { fileExtension: ['xlsx'] }, action: 'block' },
      { name: 'Watch PDFs', match: { contentType: ['application/pdf'] }, action: 'monitor' },
    ],
  }),
  label: write('label.json', {
    labels: { Confidential: CONFIDENTIAL },
    rules: [{ name: 'Label Word files', match: { fileExtension: ['docx'] }, action: 'protect', protect: { with: 'label', label: 'Confidential' } }],
  }),
  encrypt: write('encrypt.json', {
    labels: { Confidential: CONFIDENTIAL },
    protect: { with: 'openpgp' },
    rules: [{ name: 'Encrypt Confidential', match: { label: ['Confidential'] }, action: 'protect' }],
  }),
  encryptByRule: write('encrypt-by-rule.json', {
    rules: [{ name: 'Encrypt Word files', match: { fileExtension: ['docx'] }, action: 'protect', protect: { with: 'openpgp' } }],
  }),
  uploads: write('uploads.json', {
    rules: [{ name: 'No Office uploads', match: { activity: ['upload'], fileExtension: ['docx', 'xlsx', 'pptx'] }, action: 'block', message: 'Office files cannot be uploaded.' }],
  }),
  bad: write('bad.json', { decide: 'strict', rules: [{ name: 'a', match: { ip: ['10.0.0.0/33'], content: ['(unclosed'] }, action: 'deny' }] }),
};

const offsiteSession = JSON.stringify({ device: 'unmanaged', ip: '203.0.113.7', location: ['home'] });

describe('spr file: the decision and what the user gets', () => {
  it('allows a file no rule matches: the default decides, and OUT is the original bytes', () => {
    const to = out();
    const decision = decide([fixture('report.docx'), '--policy', policies.offsite, '--context', '{"device":"managed"}', '-o', to]);
    expect(decision).toMatchObject({ action: 'allow', rule: null, labels: [], name: 'report.docx', deliveredName: null, sniffedType: DOCX, size: bytesOf('report.docx').length });
    expect(decision.reason).toMatch(/default/);
    expect(readFileSync(to).equals(bytesOf('report.docx'))).toBe(true);
  });

  it('blocks by the --context session and the content: OUT is the blocked text file with the rule\'s message', () => {
    const to = out();
    const r = spr(['file', fixture('report.docx'), '--policy', policies.offsite, '--context', offsiteSession, '-o', to]);
    expect(r.code).toBe(0);
    const decision = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(decision).toMatchObject({ action: 'block', rule: 'Unmanaged off-site: no SSNs', deliveredName: 'report.docx.blocked.txt' });
    for (const why of ['unmanaged', '203.0.113.7', 'corporate', SSN]) expect(decision.reason).toContain(why);
    // The decision names the pattern, not the number the file holds.
    expect(r.stdout).not.toContain('123-45-6789');
    const text = readFileSync(to, 'utf8');
    expect(text.toLowerCase()).toContain('download restricted');
    expect(text).toContain('report.docx');
    expect(text).toContain('Files with SSNs open only on managed devices.');
    expect(text).not.toContain('123-45-6789');
  });

  it.each([
    ['on the corporate network', { device: 'unmanaged', ip: '203.0.113.7', location: ['corporate', 'home'] }],
    ['from another address', { device: 'unmanaged', ip: '198.51.100.7', location: 'home' }],
    ['on a managed device', { device: 'managed', ip: '203.0.113.7', location: ['home'] }],
  ])('allows the same file %s (every dimension of the rule must match)', (_where, context) => {
    const to = out();
    expect(decide([fixture('report.docx'), '--policy', policies.offsite, '--context', JSON.stringify(context), '-o', to])).toMatchObject({ action: 'allow', rule: null });
    expect(readFileSync(to).equals(bytesOf('report.docx'))).toBe(true);
  });

  it('--name and --content-type are the facts the app would give: extension, name and declared type', () => {
    const csv = bytesOf('data.csv');
    expect(decide([fixture('data.csv'), '--policy', policies.byFacts])).toMatchObject({ action: 'allow', name: 'data.csv', declaredType: null, sniffedType: null, size: csv.length });

    const renamed = out();
    expect(decide([fixture('data.csv'), '--policy', policies.byFacts, '--name', 'Q3 budget.xlsx', '-o', renamed])).toMatchObject({
      action: 'block', rule: 'No spreadsheets', name: 'Q3 budget.xlsx', deliveredName: 'Q3 budget.xlsx.blocked.txt',
    });
    expect(readFileSync(renamed, 'utf8')).toContain('Q3 budget.xlsx');

    // A Content-Type is read as a header is: its parameters are not part of the type.
    const typed = out();
    expect(decide([fixture('data.csv'), '--policy', policies.byFacts, '--content-type', 'application/pdf; charset=binary', '-o', typed])).toMatchObject({
      action: 'monitor', rule: 'Watch PDFs', declaredType: 'application/pdf',
    });
    expect(readFileSync(typed).equals(csv)).toBe(true);
  });

  it('label protect: OUT is the document with the rule\'s label stamped in, as the label reader reads it', async () => {
    const to = out();
    expect(decide([fixture('report.docx'), '--policy', policies.label, '-o', to])).toMatchObject({ action: 'protect', rule: 'Label Word files', protector: 'label' });
    const labels = await readLabels(new Uint8Array(readFileSync(to)));
    expect(labels.filter((l) => l.enabled).map((l) => [l.id, l.siteId])).toContainEqual([CONFIDENTIAL.id, CONFIDENTIAL.siteId]);
  });

  it('openpgp protect with --recipient-key: OUT is <name>.pgp content that the private key decrypts to the original', async () => {
    const { privateKey, publicKey } = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ name: 'Records', email: 'records@example.com' }], format: 'armored' });
    const key = write('recipient.asc', publicKey);
    const to = out();
    // The label is only in LabelInfo.xml (a GUID): the policy's labels map names it.
    const decision = decide([fixture('labelled-labelinfo.docx'), '--policy', policies.encrypt, '--recipient-key', key, '-o', to]);
    expect(decision).toMatchObject({ action: 'protect', rule: 'Encrypt Confidential', labels: ['Confidential'], protector: 'openpgp', deliveredName: 'labelled-labelinfo.docx.pgp' });
    const message = await openpgp.readMessage({ binaryMessage: new Uint8Array(readFileSync(to)) });
    const { data } = await openpgp.decrypt({ message, decryptionKeys: await openpgp.readPrivateKey({ armoredKey: privateKey }), format: 'binary' });
    expect(Buffer.from(data as Uint8Array).equals(bytesOf('labelled-labelinfo.docx'))).toBe(true);
  });

  it('a rule whose protector is not given cannot protect: the file is blocked (cannotProtect defaults to block)', () => {
    const to = out();
    expect(decide([fixture('report.docx'), '--policy', policies.encryptByRule, '-o', to])).toMatchObject({ action: 'block', rule: 'Encrypt Word files', protector: null });
    expect(readFileSync(to, 'utf8').toLowerCase()).toContain('download restricted');
  });

  it('--activity upload: a blocked upload writes the refusal page, and the same file downloads untouched', () => {
    const page = out();
    expect(decide([fixture('report.docx'), '--policy', policies.uploads, '--activity', 'upload', '-o', page])).toMatchObject({ action: 'block', rule: 'No Office uploads', deliveredName: null });
    const html = readFileSync(page, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/i);
    expect(html).toContain('Office files cannot be uploaded.');
    expect(html).toContain('report.docx');
    const file = out();
    expect(decide([fixture('report.docx'), '--policy', policies.uploads, '-o', file])).toMatchObject({ action: 'allow' });
    expect(readFileSync(file).equals(bytesOf('report.docx'))).toBe(true);
  });
});

describe('spr file: errors', () => {
  it('a policy with problems: one line per problem on stderr, exit 2, nothing decided or written', () => {
    const to = out();
    const r = spr(['file', fixture('report.docx'), '--policy', policies.bad, '-o', to]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    for (const [line, where] of lines.map((l, i) => [l, ['decide', 'rules[0].action', 'rules[0].match.ip[0]', 'rules[0].match.content[0]'][i]])) {
      expect(line.startsWith(`spr: ${policies.bad}: ${where}: `)).toBe(true);
    }
    expect(existsSync(to)).toBe(false);
  });

  it.each([
    ['not JSON', '{device:"unmanaged"}'],
    ['not an object', '["unmanaged"]'],
    ['an unknown key', '{"devices":"unmanaged"}'],
    ['a value of the wrong type', '{"device":1}'],
    ['an address that is not one', '{"ip":"203.0.113.300"}'],
  ])('a --context that is %s: exit 2 with one line', (_what, context) => {
    const r = spr(['file', fixture('report.docx'), '--policy', policies.offsite, '--context', context]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^spr: --context[^\n]*\n$/);
  });

  it('usage errors in --activity and --content-type: exit 2', () => {
    expect(spr(['file', fixture('report.docx'), '--policy', policies.offsite, '--activity', 'share'])).toMatchObject({ code: 2, stdout: '', stderr: 'spr: --activity must be download or upload\n' });
    const r = spr(['file', fixture('report.docx'), '--policy', policies.offsite, '--content-type', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^spr: --content-type "pdf" is not a MIME type/);
  });

  it('a policy that protects with openpgp by default, without --recipient-key: exit 2, saying what to give', () => {
    const r = spr(['file', fixture('report.docx'), '--policy', policies.encrypt]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^spr: [^\n]*--recipient-key[^\n]*\n$/);
  });

  it('a missing FILE fails like any unreadable input: exit 1', () => {
    const missing = join(dir, 'missing.docx');
    expect(spr(['file', missing, '--policy', policies.offsite])).toEqual({ code: 1, stdout: '', stderr: `spr: cannot read ${missing}: ENOENT\n` });
  });
});

describe('spr policy check', () => {
  it('accepts the policies spr file used above: OK and the number of rules, exit 0', () => {
    for (const [path, rules] of [[policies.offsite, 1], [policies.byFacts, 2], [policies.encrypt, 1]] as const) {
      expect(spr(['policy', 'check', path])).toEqual({ code: 0, stdout: `${path}: OK (${rules} rule${rules === 1 ? '' : 's'})\n`, stderr: '' });
    }
  });

  it('accepts the session activities of the client runtime (copy, cut, paste, print) and refuses protect for them, exit 0 / 2', () => {
    const ok = write('activities.json', {
      rules: [
        { name: 'No copy off-site', match: { activity: ['copy', 'cut', 'paste'], location: ['!corporate'] }, action: 'block', message: 'Not here.' },
        { name: 'Watch printing', match: { activity: ['print'] }, action: 'monitor' },
      ],
    });
    expect(spr(['policy', 'check', ok])).toEqual({ code: 0, stdout: `${ok}: OK (2 rules)\n`, stderr: '' });
    const bad = write('activities-bad.json', { rules: [{ name: 'p', match: { activity: ['prnt', 'copy'] }, action: 'protect' }] });
    expect(spr(['policy', 'check', bad])).toEqual({
      code: 2,
      stdout: '',
      stderr: [
        `${bad}: rules[0].match.activity[0]: "prnt" is not an activity (download, upload, copy, cut, paste, print) (did you mean "print"?)`,
        `${bad}: rules[0].match.activity[1]: "copy" has no file to protect: "protect" applies to downloads and uploads (give copy a rule with "block" or "monitor")`,
        '',
      ].join('\n'),
    });
  });

  it('reports the same problems spr file refuses the policy for, exit 2', () => {
    const check = spr(['policy', 'check', policies.bad]);
    const file = spr(['file', fixture('report.docx'), '--policy', policies.bad]);
    expect(check.code).toBe(2);
    expect(check.stderr.split('\n').filter(Boolean)).toHaveLength(4);
    expect(file.stderr).toBe(check.stderr.replace(/^/gm, 'spr: ').replace(/spr: $/, ''));
  });
});
