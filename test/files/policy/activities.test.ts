import { describe, expect, it } from 'vitest';
import type { SessionContext } from '../../../src/files/file-facts.js';
import { activityControls, activityDecision, loadPolicy, type PolicyDocument } from '../../../src/files/index.js';
import { decide } from './classify.js';
import { fileDouble } from './file-double.js';

const unmanagedHome: SessionContext = { user: 'ana@example.com', groups: ['Finance'], device: 'unmanaged', ip: '203.0.113.7', location: ['home'] };
const managedOffice: SessionContext = { user: 'bo@example.com', groups: ['Staff'], device: 'managed', ip: '10.1.2.3', location: ['corporate'] };

const controls = (policy: PolicyDocument, session: SessionContext) => activityControls(loadPolicy(policy), session);

describe('activityControls: the policy over copy, cut, paste, print', () => {
  const policy: PolicyDocument = {
    rules: [
      { name: 'No copy off-site', match: { activity: ['copy', 'cut'], location: ['!corporate'] }, action: 'block', message: 'Copying is disabled outside the office.' },
      { name: 'Watch printing', match: { activity: ['print'], device: ['unmanaged'] }, action: 'monitor' },
    ],
  };

  it('gives each blocked or monitored activity its rule and message; allowed ones are absent', () => {
    expect(controls(policy, unmanagedHome)).toEqual({
      copy: { action: 'block', message: 'Copying is disabled outside the office.', rule: 'No copy off-site' },
      cut: { action: 'block', message: 'Copying is disabled outside the office.', rule: 'No copy off-site' },
      print: { action: 'monitor', message: 'Printing is monitored by your organization\'s policy.', rule: 'Watch printing' },
    });
    expect(controls(policy, managedOffice)).toEqual({});
  });

  it('session dimensions decide: ip, user, group, userAgent', () => {
    const p: PolicyDocument = {
      rules: [
        { name: 'outside', match: { activity: ['paste'], ip: ['!10.0.0.0/8'] }, action: 'block' },
        { name: 'finance', match: { activity: ['copy'], group: ['finance'], user: ['*@example.com'] }, action: 'block' },
        { name: 'old browser', match: { activity: ['print'], userAgent: ['*MSIE*'] }, action: 'block' },
      ],
    };
    expect(Object.keys(controls(p, unmanagedHome)).sort()).toEqual(['copy', 'paste']);
    expect(controls(p, { ...managedOffice, userAgent: 'Mozilla/4.0 (compatible; MSIE 6.0)' })).toEqual({
      print: { action: 'block', message: 'Printing is blocked by your organization\'s policy.', rule: 'old browser' },
    });
    // No IP in the session: a positive range does not match, a negated one does (as for files).
    expect(controls(p, {}).paste?.rule).toBe('outside');
  });

  it('a rule that lists a file dimension never applies to a session activity, negated or not', () => {
    const p: PolicyDocument = {
      rules: [
        { name: 'not exe', match: { fileName: ['!*.exe'] }, action: 'block' },
        { name: 'small', match: { fileSize: { max: 10 } }, action: 'block' },
        { name: 'no label', match: { label: ['!Public'] }, action: 'block' },
        { name: 'no secret', match: { content: ['!secret'] }, action: 'block' },
        { name: 'types', match: { contentType: ['!application/pdf'], fileExtension: ['!pdf'] }, action: 'block' },
      ],
    };
    expect(controls(p, unmanagedHome)).toEqual({});
  });

  it('rules without activity and the default are for files: a file policy never blocks copy or paste', () => {
    const p: PolicyDocument = { default: { action: 'block', message: 'Files are blocked.' }, rules: [{ name: 'unmanaged', match: { device: ['unmanaged'] }, action: 'block' }] };
    expect(controls(p, unmanagedHome)).toEqual({});
    expect(controls(p, managedOffice)).toEqual({});
    expect(activityDecision(loadPolicy(p), unmanagedHome, 'copy')).toEqual({ activity: 'copy', action: 'allow', rule: null, message: undefined, reason: 'no rule names this activity: allowed (the default is for files)' });
  });

  it('download and upload rules do not reach session activities, nor session rules files', async () => {
    const p: PolicyDocument = {
      rules: [
        { name: 'downloads', match: { activity: ['download', 'upload'] }, action: 'block' },
        { name: 'copies', match: { activity: ['copy'] }, action: 'block' },
      ],
    };
    expect(Object.keys(controls(p, {}))).toEqual(['copy']);
    const upload = await decide({ rules: [p.rules[1]] }, fileDouble({ activity: 'upload' }));
    expect(upload.action).toBe('allow');
  });

  it('decide: first takes the first matching rule, strictest the strictest (the earlier on a tie)', () => {
    const rules: PolicyDocument['rules'] = [
      { name: 'watch', match: { activity: ['copy'] }, action: 'monitor' },
      { name: 'block home', match: { activity: ['copy', 'paste'], location: ['home'] }, action: 'block', message: 'Not at home.' },
      { name: 'block again', match: { activity: ['copy'], device: ['unmanaged'] }, action: 'block' },
    ];
    expect(controls({ rules }, unmanagedHome).copy).toEqual({ action: 'monitor', message: 'Copying is monitored by your organization\'s policy.', rule: 'watch' });
    expect(controls({ decide: 'strictest', rules }, unmanagedHome).copy).toEqual({ action: 'block', message: 'Not at home.', rule: 'block home' });
    expect(controls({ decide: 'strictest', rules }, managedOffice).copy?.rule).toBe('watch');
  });

  it('protect has no file to work on: a protect rule that reaches an activity through a negation blocks it, and the reason says so; a protect default does not reach activities', () => {
    const p = loadPolicy({ default: 'protect', protect: { with: 'openpgp' }, rules: [{ name: 'encrypt unmanaged', match: { activity: ['!download'], device: ['unmanaged'] }, action: 'protect' }] });
    expect(activityDecision(p, unmanagedHome, 'print')).toEqual({
      activity: 'print',
      action: 'block',
      rule: 'encrypt unmanaged',
      message: undefined,
      reason: 'rule "encrypt unmanaged": activity not download, device unmanaged; protect: a print has no file to protect, blocked',
    });
    expect(activityDecision(p, managedOffice, 'copy')).toMatchObject({ action: 'allow', rule: null });
    expect(activityControls(p, managedOffice)).toEqual({});
  });

  it('reasons name the rule and the session facts that matched', () => {
    const p = loadPolicy({ rules: [{ name: 'R', match: { activity: ['paste'], location: ['!corporate'], ip: ['203.0.113.0/24'] }, action: 'block' }, { name: 'all', match: { activity: ['copy', 'cut', 'paste', 'print'] }, action: 'monitor' }] });
    expect(activityDecision(p, unmanagedHome, 'paste').reason).toBe('rule "R": activity paste, ip 203.0.113.7, location not corporate');
    expect(activityDecision(p, unmanagedHome, 'copy').reason).toBe('rule "all": activity copy');
  });

  it('refuses an object that is not a loaded policy', () => {
    expect(() => activityControls({ decide: 'first' } as never, {})).toThrow(/not a loaded policy/);
  });
});
