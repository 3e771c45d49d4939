import { describe, expect, it } from 'vitest';
import { auditEventOf, type FileAuditEvent } from '../../../src/files/audit/index.js';
import type { FileFacts, SensitivityLabel } from '../../../src/files/file-facts.js';

const facts: FileFacts = {
  activity: 'download',
  name: 'q3.xlsx',
  extension: 'xlsx',
  declaredType: 'application/octet-stream',
  sniffedType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  size: 4938,
  partial: false,
  url: 'https://app.example.com/files/q3.xlsx',
  appHost: 'app.example.com',
};

const label = (over: Partial<SensitivityLabel>): SensitivityLabel => ({ id: '3a8e5b2c-6f41-4d7e-9b1a-0c2d4e6f8a10', enabled: true, source: 'labelinfo', ...over });

describe('auditEventOf', () => {
  it('fills every field from the facts, the session and the outcome', () => {
    const event = auditEventOf(
      facts,
      { user: 'ana@example.com', groups: ['finance'], device: 'unmanaged', ip: '203.0.113.7', location: ['home', 'DE'], userAgent: 'Mozilla/5.0' },
      { action: 'protect', rule: 'Protect finance files', reason: 'rule "Protect finance files" matched', protector: 'openpgp', deliveredName: 'q3.xlsx.pgp', labels: [label({ name: 'Confidential' })] },
      new Date(Date.UTC(2024, 2, 1, 10, 0, 0, 123)),
    );
    expect(event).toEqual<FileAuditEvent>({
      type: 'file-decision',
      time: '2024-03-01T10:00:00.123Z',
      user: 'ana@example.com',
      groups: ['finance'],
      device: 'unmanaged',
      ip: '203.0.113.7',
      location: ['home', 'DE'],
      userAgent: 'Mozilla/5.0',
      appHost: 'app.example.com',
      url: 'https://app.example.com/files/q3.xlsx',
      activity: 'download',
      fileName: 'q3.xlsx',
      extension: 'xlsx',
      size: 4938,
      declaredType: 'application/octet-stream',
      sniffedType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      partial: false,
      labels: ['Confidential'],
      rule: 'Protect finance files',
      action: 'protect',
      reason: 'rule "Protect finance files" matched',
      protector: 'openpgp',
      deliveredName: 'q3.xlsx.pgp',
    });
  });

  it('unknowns are null or [], never absent: every line has one shape', () => {
    const event = auditEventOf({ ...facts, size: null, declaredType: null, sniffedType: null }, {}, { action: 'allow', reason: 'no rule matched' });
    for (const key of ['user', 'device', 'ip', 'userAgent', 'rule', 'protector', 'deliveredName', 'size', 'declaredType', 'sniffedType'] as const) {
      expect(event[key], key).toBeNull();
    }
    expect(event.groups).toEqual([]);
    expect(event.location).toEqual([]);
    expect(event.labels).toEqual([]);
    expect(Object.keys(event).sort()).toEqual(Object.keys(auditEventOf(facts, { user: 'u' }, { action: 'block', reason: 'r', rule: 'x' })).sort());
  });

  it('the time is the clock by default, ISO 8601 in UTC', () => {
    const before = Date.now();
    const time = Date.parse(auditEventOf(facts, {}, { action: 'allow', reason: 'r' }).time);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
    expect(auditEventOf(facts, {}, { action: 'allow', reason: 'r' }).time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('labels: names where known, else GUIDs; disabled labels left out; each once; names given as strings kept', () => {
    const event = auditEventOf(facts, {}, {
      action: 'monitor',
      reason: 'r',
      labels: [label({}), label({ name: 'General', id: '7c1d9e04-2b3f-4a5c-8d6e-1f2a3b4c5d6e', source: 'custom-properties' }), label({ name: 'Old', id: 'e5f60718-293a-4b4c-9d5e-6f708192a3b4', enabled: false }), label({}), 'Highly Confidential'],
    });
    expect(event.labels).toEqual(['3a8e5b2c-6f41-4d7e-9b1a-0c2d4e6f8a10', 'General', 'Highly Confidential']);
  });

  it('a delivered name equal to the file name is no different name', () => {
    expect(auditEventOf(facts, {}, { action: 'protect', reason: 'r', deliveredName: 'q3.xlsx' }).deliveredName).toBeNull();
  });

  it('copies the session lists (the event does not change when the session does)', () => {
    const groups = ['a'];
    const event = auditEventOf(facts, { groups }, { action: 'allow', reason: 'r' });
    groups.push('b');
    expect(event.groups).toEqual(['a']);
  });
});
