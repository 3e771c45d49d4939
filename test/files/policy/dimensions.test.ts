import { describe, expect, it } from 'vitest';
import type { FileFacts, SessionContext } from '../../../src/files/file-facts.js';
import type { MatchDocument } from '../../../src/files/policy/index.js';
import { blockWhen, decide } from './classify.js';
import { fileDouble } from './file-double.js';

type Case = [string, MatchDocument, Partial<FileFacts>, SessionContext, 'block' | 'allow'];

const managedAlice: SessionContext = {
  user: 'Alice@Example.com',
  groups: ['Finance', 'Staff'],
  device: 'Managed',
  ip: '198.51.100.7',
  location: ['corporate', 'FR'],
  userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/126.0',
};

// Each dimension positive, negated, and against a session or file without the fact.
const cases: Case[] = [
  ['activity matches', { activity: ['download'] }, {}, {}, 'block'],
  ['activity differs', { activity: ['upload'] }, {}, {}, 'allow'],
  ['activity negated', { activity: ['!upload'] }, {}, {}, 'block'],
  ['activity negated, same', { activity: ['!download'] }, { activity: 'download' }, {}, 'allow'],

  ['device matches ignoring case', { device: ['managed'] }, {}, managedAlice, 'block'],
  ['device differs', { device: ['unmanaged'] }, {}, managedAlice, 'allow'],
  ['device negated', { device: ['!unmanaged'] }, {}, managedAlice, 'block'],
  ['device negated, same', { device: ['!managed'] }, {}, managedAlice, 'allow'],
  ['device absent, positive', { device: ['managed'] }, {}, {}, 'allow'],
  ['device absent, negated', { device: ['!managed'] }, {}, {}, 'block'],

  ['user glob ignoring case', { user: ['*@example.com'] }, {}, managedAlice, 'block'],
  ['user glob differs', { user: ['*@example.org'] }, {}, managedAlice, 'allow'],
  ['user negated', { user: ['!bob@*'] }, {}, managedAlice, 'block'],
  ['user negated, same', { user: ['!alice@*'] }, {}, managedAlice, 'allow'],
  ['user absent, positive', { user: ['*'] }, {}, {}, 'allow'],
  ['user absent, negated', { user: ['!alice@*'] }, {}, {}, 'block'],

  ['group: any of the groups, ignoring case', { group: ['staff'] }, {}, managedAlice, 'block'],
  ['group is whole, not a glob', { group: ['Fin*'] }, {}, managedAlice, 'allow'],
  ['group negated', { group: ['!finance'] }, {}, managedAlice, 'allow'],
  ['group negated, not a member', { group: ['!Legal'] }, {}, managedAlice, 'block'],
  ['group absent, positive', { group: ['Staff'] }, {}, { groups: [] }, 'allow'],
  ['group absent, negated', { group: ['!Staff'] }, {}, {}, 'block'],

  ['ip in a range', { ip: ['198.51.100.0/24'] }, {}, managedAlice, 'block'],
  ['ip outside', { ip: ['203.0.113.0/24'] }, {}, managedAlice, 'allow'],
  ['ip negated', { ip: ['!10.0.0.0/8'] }, {}, managedAlice, 'block'],
  ['ip negated, inside', { ip: ['!198.51.100.7'] }, {}, managedAlice, 'allow'],
  ['ip absent, positive', { ip: ['0.0.0.0/0'] }, {}, {}, 'allow'],
  ['ip absent, negated', { ip: ['!10.0.0.0/8'] }, {}, {}, 'block'],
  ['ip not an address reads as absent', { ip: ['0.0.0.0/0'] }, {}, { ip: 'unknown' }, 'allow'],

  ['location: any of the tags', { location: ['fr'] }, {}, managedAlice, 'block'],
  ['location differs', { location: ['home'] }, {}, managedAlice, 'allow'],
  ['location negated', { location: ['!corporate'] }, {}, managedAlice, 'allow'],
  ['location negated, other tags', { location: ['!corporate'] }, {}, { location: ['home'] }, 'block'],
  ['location absent, positive', { location: ['corporate'] }, {}, {}, 'allow'],
  ['location absent, negated', { location: ['!corporate'] }, {}, {}, 'block'],

  ['userAgent glob across slashes', { userAgent: ['mozilla/5.0 (windows*'] }, {}, managedAlice, 'block'],
  ['userAgent differs', { userAgent: ['*Macintosh*'] }, {}, managedAlice, 'allow'],
  ['userAgent negated', { userAgent: ['!*Macintosh*'] }, {}, managedAlice, 'block'],
  ['userAgent negated, same', { userAgent: ['!*Windows*'] }, {}, managedAlice, 'allow'],
  ['userAgent absent, positive', { userAgent: ['*'] }, {}, {}, 'allow'],
  ['userAgent absent, negated', { userAgent: ['!*Windows*'] }, {}, {}, 'block'],

  ['fileName glob ignoring case', { fileName: ['*SECRET*'] }, { name: 'q3-secret-plan.pdf' }, {}, 'block'],
  ['fileName whole name', { fileName: ['secret'] }, { name: 'q3-secret-plan.pdf' }, {}, 'allow'],
  ['fileName * matches a leading dot', { fileName: ['*.env'] }, { name: '.env' }, {}, 'block'],
  ['fileName negated', { fileName: ['!*.tmp'] }, { name: 'a.pdf' }, {}, 'block'],
  ['fileName negated, same', { fileName: ['!*.pdf'] }, { name: 'a.pdf' }, {}, 'allow'],

  ['fileExtension ignoring case and a leading dot', { fileExtension: ['.DOCX'] }, { name: 'a.docx' }, {}, 'block'],
  ['fileExtension differs', { fileExtension: ['xlsx'] }, { name: 'a.docx' }, {}, 'allow'],
  ['fileExtension negated', { fileExtension: ['!exe'] }, { name: 'a.docx' }, {}, 'block'],
  ['fileExtension negated, same', { fileExtension: ['!docx'] }, { name: 'a.docx' }, {}, 'allow'],
  ['fileExtension absent, positive', { fileExtension: ['docx'] }, { name: 'README' }, {}, 'allow'],
  ['fileExtension absent, negated', { fileExtension: ['!docx'] }, { name: 'README' }, {}, 'block'],

  ['contentType: the declared type', { contentType: ['application/pdf'] }, { declaredType: 'application/pdf' }, {}, 'block'],
  ['contentType: the sniffed type', { contentType: ['application/pdf'] }, { declaredType: 'application/octet-stream', sniffedType: 'application/pdf' }, {}, 'block'],
  ['contentType glob across the slash', { contentType: ['application/vnd.openxmlformats-officedocument.*'] }, { sniffedType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }, {}, 'block'],
  ['contentType differs', { contentType: ['application/pdf'] }, { declaredType: 'text/plain' }, {}, 'allow'],
  ['contentType negated: neither type may match', { contentType: ['!application/pdf'] }, { declaredType: 'application/octet-stream', sniffedType: 'application/pdf' }, {}, 'allow'],
  ['contentType negated, other types', { contentType: ['!application/pdf'] }, { declaredType: 'text/csv' }, {}, 'block'],
  ['contentType absent, positive', { contentType: ['*/*'] }, {}, {}, 'allow'],
  ['contentType absent, negated', { contentType: ['!application/pdf'] }, {}, {}, 'block'],

  ['fileSize within, inclusive min', { fileSize: { min: 100 } }, { size: 100 }, {}, 'block'],
  ['fileSize within, inclusive max', { fileSize: { max: 100 } }, { size: 100 }, {}, 'block'],
  ['fileSize below min', { fileSize: { min: 101 } }, { size: 100 }, {}, 'allow'],
  ['fileSize above max', { fileSize: { min: 1, max: 99 } }, { size: 100 }, {}, 'allow'],

  ['every dimension must match', { device: ['managed'], fileExtension: ['xlsx'] }, { name: 'a.docx' }, managedAlice, 'allow'],
  ['any value within a dimension', { fileExtension: ['xlsx', 'docx'] }, { name: 'a.docx' }, {}, 'block'],
  ['a negated value vetoes a positive one', { fileName: ['*.docx', '!draft*'] }, { name: 'draft.docx' }, {}, 'allow'],
  ['an empty match matches every file', {}, {}, {}, 'block'],
];

describe('policy dimensions', () => {
  it.each(cases)('%s', async (_, match, facts, session, action) => {
    const decision = await decide(blockWhen(match), fileDouble(facts), session);
    expect(decision.action).toBe(action);
    expect(decision.rule).toBe(action === 'block' ? 'R' : null);
  });

  it('says in words which facts matched', async () => {
    const decision = await decide(
      blockWhen({ device: ['unmanaged'], fileExtension: ['docx'], location: ['!corporate'], ip: ['::ffff:198.51.100.0/120'] }),
      fileDouble({ name: 'plan.docx' }),
      { device: 'unmanaged', location: ['home'], ip: '198.51.100.7' },
    );
    expect(decision.reason).toBe('rule "R": device unmanaged, ip 198.51.100.7, location not corporate, fileExtension docx');
  });

  it('says when nothing matched', async () => {
    expect(await decide(blockWhen({ device: ['unmanaged'] }), fileDouble(), {})).toEqual({ action: 'allow', rule: null, reason: 'no rule matched: default' });
  });
});
