import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  activityAuditEvent,
  activityDecision,
  auditEventOf,
  jsonLinesAudit,
  loadPolicy,
  type ActivityAuditEvent,
  type AuditEvent,
  type AuditSink,
  type FileAuditEvent,
} from '../../../src/files/index.js';

const when = new Date(Date.UTC(2024, 2, 1, 10, 0, 0, 5));

describe('activityAuditEvent', () => {
  it('fills every field from the attempt, the session and the outcome', () => {
    const event = activityAuditEvent(
      { activity: 'copy', url: 'https://app.example.com/report?id=7', appHost: 'app.example.com' },
      { user: 'ana@example.com', groups: ['finance'], device: 'unmanaged', ip: '203.0.113.7', location: ['home'], userAgent: 'Mozilla/5.0' },
      { action: 'block', rule: 'No copy off-site', reason: 'rule "No copy off-site": activity copy, location not corporate' },
      when,
    );
    expect(event).toEqual<ActivityAuditEvent>({
      type: 'activity-decision',
      time: '2024-03-01T10:00:00.005Z',
      user: 'ana@example.com',
      groups: ['finance'],
      device: 'unmanaged',
      ip: '203.0.113.7',
      location: ['home'],
      userAgent: 'Mozilla/5.0',
      appHost: 'app.example.com',
      url: 'https://app.example.com/report?id=7',
      activity: 'copy',
      rule: 'No copy off-site',
      action: 'block',
      reason: 'rule "No copy off-site": activity copy, location not corporate',
    });
  });

  it('writes null (or []) for what is not known, so every line has one shape', () => {
    const event = activityAuditEvent({ activity: 'print' }, {}, { action: 'monitor', reason: 'no rule matched: default' }, when);
    expect(event).toEqual({
      type: 'activity-decision', time: '2024-03-01T10:00:00.005Z', user: null, groups: [], device: null, ip: null, location: [], userAgent: null,
      appHost: null, url: null, activity: 'print', rule: null, action: 'monitor', reason: 'no rule matched: default',
    });
    expect(Object.keys(event)).toHaveLength(14);
  });

  it('takes an activityDecision as its outcome', () => {
    const policy = loadPolicy({ rules: [{ name: 'no paste', match: { activity: ['paste'] }, action: 'block' }] });
    const decision = activityDecision(policy, { device: 'managed' }, 'paste');
    const event = activityAuditEvent({ activity: 'paste', url: 'https://app.example.com/', appHost: 'app.example.com' }, { device: 'managed' }, decision, when);
    expect(event).toMatchObject({ rule: 'no paste', action: 'block', reason: 'rule "no paste": activity paste', device: 'managed' });
  });
});

describe('an AuditSink receives both kinds of event', () => {
  it('jsonLinesAudit writes file and activity decisions, one line each, told apart by type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spr-activity-audit-'));
    try {
      const path = join(dir, 'audit.jsonl');
      const sink: AuditSink = jsonLinesAudit(path);
      const file = auditEventOf(
        { activity: 'download', name: 'a.pdf', extension: 'pdf', declaredType: null, sniffedType: null, size: 1, partial: false, url: 'https://app.example.com/a.pdf', appHost: 'app.example.com' },
        {},
        { action: 'allow', reason: 'no rule matched: default' },
        when,
      );
      const activity = activityAuditEvent({ activity: 'cut', url: 'https://app.example.com/\u2028x', appHost: 'app.example.com' }, { user: 'u' }, { action: 'block', rule: 'r', reason: 'why' }, when);
      sink(file);
      sink(activity);
      await (sink as ReturnType<typeof jsonLinesAudit>).close();
      const lines = readFileSync(path, 'utf8').split('\n');
      expect(lines).toHaveLength(3);
      expect(lines[2]).toBe('');
      const read = lines.slice(0, 2).map((l) => JSON.parse(l) as AuditEvent);
      expect(read).toEqual([file, activity]);
      const types = read.map((e) => (e.type === 'file-decision' ? (e satisfies FileAuditEvent).fileName : (e satisfies ActivityAuditEvent).activity));
      expect(types).toEqual(['a.pdf', 'cut']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
