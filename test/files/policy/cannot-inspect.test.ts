import { describe, expect, it } from 'vitest';
import { UnreadableFileError } from '../../../src/files/file-facts.js';
import type { CannotInspectSetting, PolicyDocument } from '../../../src/files/policy/index.js';
import { decide } from './classify.js';
import { fileDouble, label } from './file-double.js';

const contentRule = (cannotInspect?: CannotInspectSetting): PolicyDocument => ({
  ...(cannotInspect ? { cannotInspect } : {}),
  protect: { with: 'openpgp' },
  rules: [{ name: 'ssn', match: { fileExtension: ['csv'], content: ['\\b\\d{3}-\\d{2}-\\d{4}\\b'] }, action: 'block', message: 'No SSNs.' }],
});
const tooLarge = () => fileDouble({ name: 'big.csv', size: 80 * 1024 * 1024 }, { bytes: null, cannotInspect: 'too-large', text: { text: '', cannotInspect: 'too-large' } });

describe('cannotInspect', () => {
  it('"rule" (the default): the rule applies without inspection', async () => {
    expect(await decide(contentRule(), tooLarge())).toEqual({
      action: 'block',
      rule: 'ssn',
      message: 'No SSNs.',
      reason: 'rule "ssn": fileExtension csv, content cannot be inspected (too-large); cannotInspect=rule',
    });
  });

  it.each(['allow', 'monitor', 'block'] as const)('"%s": the rule yields that action', async (setting) => {
    const d = await decide(contentRule(setting), tooLarge());
    expect(d).toMatchObject({ action: setting, rule: 'ssn', reason: `rule "ssn": fileExtension csv, content cannot be inspected (too-large); cannotInspect=${setting}` });
  });

  it('"protect": the rule yields protect, with the policy default protector', async () => {
    expect(await decide(contentRule('protect'), tooLarge())).toMatchObject({ action: 'protect', rule: 'ssn', protect: { with: 'openpgp' } });
  });

  it('does not apply to a rule whose other dimensions do not match', async () => {
    const file = fileDouble({ name: 'big.pdf' }, { bytes: null, cannotInspect: 'too-large' });
    expect(await decide(contentRule('block'), file)).toMatchObject({ action: 'allow', rule: null });
    expect(file.reads.content).toBe(0);
  });

  it.each([
    ['encrypted', { text: new UnreadableFileError('encrypted', 'password-protected') }],
    ['corrupt', { text: new UnreadableFileError('corrupt', 'not a zip') }],
    ['partial', { bytes: null, cannotInspect: 'partial' as const, text: { text: '', cannotInspect: 'partial' as const } }],
  ])('applies to a file whose text cannot be read (%s)', async (reason, content) => {
    const d = await decide(contentRule('monitor'), fileDouble({ name: 'x.csv' }, content));
    expect(d).toMatchObject({ action: 'monitor', reason: `rule "ssn": fileExtension csv, content cannot be inspected (${reason}); cannotInspect=monitor` });
  });

  it('a pattern found in text cut at the character limit still matches', async () => {
    const file = fileDouble({ name: 'x.csv' }, { cannotInspect: 'too-much-text', text: { text: 'name,ssn\nAda,078-05-1120\n', cannotInspect: 'too-much-text' } });
    expect(await decide(contentRule('allow'), file)).toMatchObject({ action: 'block', reason: 'rule "ssn": fileExtension csv, content /\\b\\d{3}-\\d{2}-\\d{4}\\b/' });
  });

  it('a match that needs the text to end at the cut is no match: `$`, `\\z` and `\\b` look past the cut', async () => {
    // The whole text goes on past the cut ("aaaa…!"), so /a+$/ may not occur in it at all.
    const cut = (text: string) => fileDouble({ name: 'x.txt' }, { text: { text, cannotInspect: 'too-much-text' } });
    const rule = (pattern: string): PolicyDocument => ({ cannotInspect: 'monitor', rules: [{ name: 'r', match: { content: [pattern] }, action: 'block' }] });
    expect(await decide(rule('a+$'), cut('aaaa'))).toMatchObject({ action: 'monitor', reason: 'rule "r": content cannot be inspected (too-much-text); cannotInspect=monitor' });
    expect(await decide(rule('a+\\z'), cut('aaaa'))).toMatchObject({ action: 'monitor' });
    // "secret\b" at the cut: the next character, unread, may be a letter ("secretary").
    expect(await decide(rule('secret\\b'), cut('the secret'))).toMatchObject({ action: 'monitor' });
    // The same assertions before the cut see real characters: conclusive.
    expect(await decide(rule('secret\\b'), cut('the secret plan'))).toMatchObject({ action: 'block' });
    expect(await decide(rule('(?m)^total$'), cut('total\nmore'))).toMatchObject({ action: 'block' });
    // Without an end assertion, a match at the very end of the cut is a match of the file.
    expect(await decide(rule('secret'), cut('the secret'))).toMatchObject({ action: 'block' });
    // The whole text (not cut): `$` is the end of the file.
    expect(await decide(rule('a+$'), fileDouble({ name: 'x.txt' }, { text: 'aaaa' }))).toMatchObject({ action: 'block' });
  });

  it('a pattern not found in cut text cannot be decided', async () => {
    const file = fileDouble({ name: 'x.csv' }, { text: { text: 'name\nAda\n', cannotInspect: 'too-much-text' } });
    expect(await decide(contentRule('monitor'), file)).toMatchObject({ action: 'monitor', reason: 'rule "ssn": fileExtension csv, content cannot be inspected (too-much-text); cannotInspect=monitor' });
  });

  it('a negated pattern needs all the text: found in cut text it fails, not found it cannot be decided', async () => {
    const policy: PolicyDocument = { cannotInspect: 'monitor', rules: [{ name: 'clean', match: { content: ['!CONFIDENTIAL'] }, action: 'allow' }], default: 'block' };
    const cut = (text: string) => fileDouble({}, { text: { text, cannotInspect: 'too-much-text' } });
    expect(await decide(policy, cut('CONFIDENTIAL draft'))).toMatchObject({ action: 'block', rule: null });
    expect(await decide(policy, cut('a draft'))).toMatchObject({ action: 'monitor', rule: 'clean' });
    expect(await decide(policy, fileDouble({}, { text: 'a draft' }))).toMatchObject({ action: 'allow', rule: 'clean', reason: 'rule "clean": content not /CONFIDENTIAL/' });
  });

  it('another dimension that does not match wins over one that cannot be inspected', async () => {
    const policy: PolicyDocument = { rules: [{ name: 'both', match: { content: ['x'], label: ['Secret'] }, action: 'block' }] };
    const file = fileDouble({}, { labels: [label('3f2a9d0e-1b2c-4d5e-8f90-a1b2c3d4e5f6', { name: 'Public' })], text: { text: '', cannotInspect: 'too-large' } });
    expect(await decide(policy, file)).toMatchObject({ action: 'allow', rule: null });
    // The label decided it: the text was never asked for.
    expect(file.reads.text).toBe(0);
  });

  it('labels can be read from a file too large for text inspection, not from an encrypted one', async () => {
    const policy: PolicyDocument = { cannotInspect: 'monitor', rules: [{ name: 'secret', match: { label: ['Secret'] }, action: 'block' }] };
    const secret = [label('3f2a9d0e-1b2c-4d5e-8f90-a1b2c3d4e5f6', { name: 'Secret', source: 'custom-properties' })];
    expect(await decide(policy, fileDouble({}, { cannotInspect: 'too-large', labels: secret }))).toMatchObject({ action: 'block' });
    expect(await decide(policy, fileDouble({}, { cannotInspect: 'encrypted', labels: secret }))).toMatchObject({
      action: 'monitor',
      reason: 'rule "secret": label cannot be inspected (encrypted); cannotInspect=monitor',
    });
    expect(await decide(policy, fileDouble({}, { bytes: null, cannotInspect: 'too-large' }))).toMatchObject({ action: 'monitor' });
    expect(await decide(policy, fileDouble({}, { labels: new UnreadableFileError('corrupt', 'bad xml') }))).toMatchObject({
      action: 'monitor',
      reason: 'rule "secret": label cannot be inspected (corrupt); cannotInspect=monitor',
    });
  });

  it('strictest counts a cannot-inspect action that could beat the best so far', async () => {
    const policy: PolicyDocument = {
      decide: 'strictest',
      cannotInspect: 'block',
      rules: [
        { name: 'monitor all', match: {}, action: 'monitor' },
        { name: 'allow clean', match: { content: ['!secret'] }, action: 'allow' },
      ],
    };
    expect(await decide(policy, tooLarge())).toMatchObject({ action: 'block', rule: 'allow clean' });
  });
});

describe('fileSize with the size not known up front', () => {
  const policy: PolicyDocument = { cannotInspect: 'monitor', rules: [{ name: 'big', match: { fileSize: { min: 1000 } }, action: 'block' }] };

  it('is measured from the bytes when they were read whole', async () => {
    const big = fileDouble({ size: null }, { bytes: new Uint8Array(1000) });
    expect(await decide(policy, big)).toMatchObject({ action: 'block', reason: 'rule "big": fileSize 1000' });
    expect(await decide(policy, fileDouble({ size: null }, { bytes: new Uint8Array(999) }))).toMatchObject({ action: 'allow' });
    expect(big.reads.content).toBe(1);
  });

  it('cannot be measured when the file was not read whole', async () => {
    expect(await decide(policy, fileDouble({ size: null }, { bytes: null, cannotInspect: 'too-large' }))).toMatchObject({
      action: 'monitor',
      reason: 'rule "big": fileSize cannot be inspected (too-large); cannotInspect=monitor',
    });
    expect(await decide(policy, fileDouble({ size: null, partial: true }, { bytes: null, cannotInspect: 'partial' }))).toMatchObject({ action: 'monitor' });
  });

  it('is not read when the size is known', async () => {
    const file = fileDouble({ size: 5000 });
    expect(await decide(policy, file)).toMatchObject({ action: 'block' });
    expect(file.reads.content).toBe(0);
  });
});
