import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTIONS_BY_STRICTNESS, type Action } from '../../../src/files/file-facts.js';
import { loadPolicy, policyClassifier, type PolicyDocument, type PolicyRuleDocument } from '../../../src/files/policy/index.js';
import { decide } from './classify.js';
import { contextFor, fileDouble } from './file-double.js';

const rule = (name: string, action: Action, match: PolicyRuleDocument['match'] = {}): PolicyRuleDocument => ({ name, action, match });
const unmanaged = { device: 'unmanaged' };

describe('decide', () => {
  const rules = [
    rule('monitor pdf', 'monitor', { fileExtension: ['pdf'] }),
    rule('block unmanaged', 'block', { device: ['unmanaged'] }),
    rule('protect pdf', 'protect', { fileExtension: ['pdf'] }),
  ];

  it('first (the default): the first matching rule decides', async () => {
    const d = await decide({ rules }, fileDouble({ name: 'a.pdf' }), unmanaged);
    expect(d).toMatchObject({ action: 'monitor', rule: 'monitor pdf' });
  });

  it('strictest: every matching rule counts, block > protect > monitor > allow', async () => {
    expect(await decide({ decide: 'strictest', rules }, fileDouble({ name: 'a.pdf' }), unmanaged)).toMatchObject({ action: 'block', rule: 'block unmanaged' });
    expect(await decide({ decide: 'strictest', rules }, fileDouble({ name: 'a.pdf' }), { device: 'managed' })).toMatchObject({ action: 'protect', rule: 'protect pdf' });
  });

  it('strictest: a tie goes to the earlier rule', async () => {
    const d = await decide({ decide: 'strictest', rules: [rule('A', 'monitor'), rule('B', 'monitor')] }, fileDouble());
    expect(d.rule).toBe('A');
  });

  it('the default decides when no rule matches, in either mode, with its message and protector', async () => {
    const policy: PolicyDocument = {
      default: { action: 'protect', message: 'Protected by policy.' },
      protect: { with: 'openpgp' },
      rules: [rule('never', 'allow', { device: ['none'] })],
    };
    const expected = { action: 'protect', rule: null, message: 'Protected by policy.', reason: 'no rule matched: default', protect: { with: 'openpgp' } };
    expect(await decide(policy, fileDouble())).toEqual(expected);
    expect(await decide({ ...policy, decide: 'strictest' }, fileDouble())).toEqual(expected);
  });

  it('a decision carries the rule, its message and its protector, else the policy default protector', async () => {
    const policy: PolicyDocument = {
      labels: { Confidential: '3f2a9d0e-1b2c-4d5e-8f90-a1b2c3d4e5f6' },
      protect: { with: 'openpgp' },
      rules: [
        { name: 'label docx', match: { fileExtension: ['docx'] }, action: 'protect', message: 'Labelled.', protect: { with: 'label', label: 'Confidential' } },
        { name: 'encrypt rest', match: {}, action: 'protect' },
      ],
    };
    expect(await decide(policy, fileDouble({ name: 'a.docx' }))).toEqual({
      action: 'protect',
      rule: 'label docx',
      message: 'Labelled.',
      reason: 'rule "label docx": fileExtension docx',
      protect: { with: 'label', label: 'Confidential' },
    });
    expect(await decide(policy, fileDouble({ name: 'a.pdf' }))).toEqual({
      action: 'protect',
      rule: 'encrypt rest',
      reason: 'rule "encrypt rest": matches every file',
      protect: { with: 'openpgp' },
    });
  });

  it('strictest gives the same action whatever the order of the rules', async () => {
    const actions = fc.constantFrom<Action>(...ACTIONS_BY_STRICTNESS);
    const extension = fc.constantFrom('pdf', 'docx', '!pdf', '!docx');
    const ruleArb = fc.record({ action: actions, ext: fc.option(extension, { nil: undefined }), device: fc.option(fc.constantFrom('managed', '!managed'), { nil: undefined }) });
    await fc.assert(
      fc.asyncProperty(fc.array(ruleArb, { minLength: 1, maxLength: 6 }), fc.constantFrom('a.pdf', 'a.docx'), fc.constantFrom('managed', 'unmanaged'), async (specs, name, device) => {
        const rules = specs.map((s, i) => rule(`r${i}`, s.action, { ...(s.ext ? { fileExtension: [s.ext] } : {}), ...(s.device ? { device: [s.device] } : {}) }));
        const forward = await decide({ decide: 'strictest', rules }, fileDouble({ name }), { device });
        const backward = await decide({ decide: 'strictest', rules: [...rules].reverse() }, fileDouble({ name }), { device });
        expect(backward.action).toBe(forward.action);
        // And it is the strictest action of the rules that match on their own.
        const alone = await Promise.all(rules.map((r) => decide({ rules: [r], default: 'allow' }, fileDouble({ name }), { device })));
        const matching = alone.filter((d) => d.rule !== null).map((d) => d.action);
        const strictest = matching.reduce<Action | null>((a, b) => (a === null || ACTIONS_BY_STRICTNESS.indexOf(b) > ACTIONS_BY_STRICTNESS.indexOf(a) ? b : a), null);
        expect(forward.action).toBe(strictest ?? 'allow');
      }),
    );
  });

  it('first reads content only for a rule whose other dimensions matched', async () => {
    const file = fileDouble({ name: 'a.docx' }, { text: 'nothing here' });
    const d = await decide(
      { rules: [rule('pdf content', 'block', { fileExtension: ['pdf'], content: ['secret'] }), rule('docx', 'monitor', { fileExtension: ['docx'] })] },
      file,
    );
    expect(d.rule).toBe('docx');
    expect(file.reads).toEqual({ content: 0, labels: 0, text: 0 });
  });

  it('strictest does not read content for a rule that cannot beat the strictest so far', async () => {
    const file = fileDouble({ name: 'a.docx' }, { text: 'secret' });
    const d = await decide(
      { decide: 'strictest', rules: [rule('block docx', 'block', { fileExtension: ['docx'] }), rule('monitor secret', 'monitor', { content: ['secret'] })] },
      file,
    );
    expect(d.rule).toBe('block docx');
    expect(file.reads.text).toBe(0);
  });

  it('strictest reads content for a rule that could beat the strictest so far', async () => {
    const file = fileDouble({ name: 'a.docx' }, { text: 'a secret plan' });
    const d = await decide(
      { decide: 'strictest', rules: [rule('monitor docx', 'monitor', { fileExtension: ['docx'] }), rule('block secret', 'block', { content: ['secret'] })] },
      file,
    );
    expect(d).toMatchObject({ action: 'block', rule: 'block secret', reason: 'rule "block secret": content /secret/' });
    expect(file.reads.text).toBe(1);
  });

  it('reads the text once for many content rules', async () => {
    const file = fileDouble({}, { text: 'x' });
    await decide({ decide: 'strictest', rules: [rule('a', 'monitor', { content: ['y'] }), rule('b', 'block', { content: ['z'] }), rule('c', 'protect', { content: ['x'] })] }, file);
    expect(file.reads).toEqual({ content: 1, labels: 0, text: 1 });
  });

  it('stops when the classifier is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('time is up'));
    const classify = policyClassifier(loadPolicy({ rules: [rule('c', 'block', { content: ['x'] })] }));
    await expect(classify(fileDouble({}, { text: 'x' }), contextFor({}, controller.signal))).rejects.toThrow('time is up');
  });
});
