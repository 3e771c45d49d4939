import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../../src/files/policy/index.js';
import { loadPolicy } from '../../../src/files/policy/index.js';
import { decide } from './classify.js';
import { fileDouble, label } from './file-double.js';

const CONFIDENTIAL = '3f2a9d0e-1b2c-4d5e-8f90-a1b2c3d4e5f6';
const PUBLIC = '0e1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

const policyFor = (values: string[], labels: PolicyDocument['labels'] = {}): PolicyDocument => ({
  labels,
  rules: [{ name: 'L', match: { label: values }, action: 'block' }],
});
const labelled = (...labels: ReturnType<typeof label>[]) => fileDouble({}, { labels });

describe('label dimension', () => {
  it('a GUID matches a label with that id, in any case and with braces', async () => {
    const file = labelled(label(CONFIDENTIAL));
    expect((await decide(policyFor([CONFIDENTIAL.toUpperCase()]), file)).action).toBe('block');
    expect((await decide(policyFor([`{${CONFIDENTIAL}}`]), file)).action).toBe('block');
    expect((await decide(policyFor([PUBLIC]), file)).action).toBe('allow');
  });

  it('a name matches the name the file carries (custom properties, PDFs), ignoring case', async () => {
    const file = labelled(label(CONFIDENTIAL, { name: 'Confidential', source: 'custom-properties' }));
    expect(await decide(policyFor(['confidential']), file)).toMatchObject({ action: 'block', reason: 'rule "L": label Confidential' });
  });

  it('a name matches a GUID-only label (LabelInfo.xml) through the policy labels map', async () => {
    const file = labelled(label(CONFIDENTIAL));
    expect(await decide(policyFor(['Confidential'], { Confidential: CONFIDENTIAL }), file)).toMatchObject({ action: 'block', reason: 'rule "L": label Confidential' });
    expect(await decide(policyFor(['Confidential'], { Confidential: { id: `{${CONFIDENTIAL.toUpperCase()}}`, siteId: TENANT } }), file)).toMatchObject({ action: 'block' });
    expect((await decide(policyFor(['Confidential']), file)).action).toBe('allow');
    expect((await decide(policyFor(['Confidential'], { Confidential: PUBLIC }), file)).action).toBe('allow');
  });

  it('only enabled labels count', async () => {
    const file = labelled(label(CONFIDENTIAL, { name: 'Confidential', enabled: false }));
    expect((await decide(policyFor(['Confidential']), file)).action).toBe('allow');
    expect((await decide(policyFor(['!Confidential']), file)).action).toBe('block');
  });

  it('negated: a file without that label matches, one with it does not', async () => {
    expect((await decide(policyFor([`!${CONFIDENTIAL}`]), labelled())).action).toBe('block');
    expect((await decide(policyFor([`!${CONFIDENTIAL}`]), labelled(label(PUBLIC)))).action).toBe('block');
    expect((await decide(policyFor([`!${CONFIDENTIAL}`]), labelled(label(PUBLIC), label(CONFIDENTIAL)))).action).toBe('allow');
  });

  it('a file without labels does not match a positive value', async () => {
    expect((await decide(policyFor(['Confidential'], { Confidential: CONFIDENTIAL }), labelled())).action).toBe('allow');
  });

  it('shows a GUID the policy does not name as the GUID', async () => {
    expect((await decide(policyFor([CONFIDENTIAL]), labelled(label(CONFIDENTIAL)))).reason).toBe(`rule "L": label ${CONFIDENTIAL}`);
  });

  it('the policy exposes its label definitions (GUIDs lower-case, no braces)', () => {
    const policy = loadPolicy({ labels: { Confidential: `{${CONFIDENTIAL.toUpperCase()}}`, Public: { id: PUBLIC, siteId: TENANT } }, rules: [] });
    expect(policy.labels).toEqual([
      { name: 'Confidential', id: CONFIDENTIAL },
      { name: 'Public', id: PUBLIC, siteId: TENANT },
    ]);
  });
});
