import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditEventOf, jsonLine, jsonLinesAudit, type FileAuditEvent } from '../../../src/files/audit/index.js';
import type { FileFacts } from '../../../src/files/file-facts.js';

const facts = (name: string): FileFacts => ({
  activity: 'upload',
  name,
  extension: 'pdf',
  declaredType: 'application/pdf',
  sniffedType: 'application/pdf',
  size: 12408,
  partial: false,
  url: 'https://app.example.com/upload',
  appHost: 'app.example.com',
});
const event = (name: string, i = 0): FileAuditEvent =>
  auditEventOf(facts(name), { user: `user${i}`, location: ['home'] }, { action: 'block', rule: 'No uploads', reason: 'rule "No uploads" matched' }, new Date(Date.UTC(2024, 0, 1, 0, 0, i)));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'spr-audit-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Splits as the strictest line readers do: LF, CR, and the Unicode line breaks Python's splitlines() knows. */
const LINE_BREAKS = /\r\n|[\n\r\u000b\u000c\u001c\u001d\u001e\u0085\u2028\u2029]/;

describe('jsonLinesAudit to a file', () => {
  it('writes one JSON object per line, appended, and every line parses back', async () => {
    const path = join(dir, 'audit.jsonl');
    writeFileSync(path, '{"earlier":true}\n');
    const sink = jsonLinesAudit(path);
    const events = Array.from({ length: 50 }, (_, i) => event(`report-${i}.pdf`, i));
    for (const e of events) sink(e);
    await sink.close();

    const text = readFileSync(path, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const lines = text.slice(0, -1).split('\n');
    expect(lines).toHaveLength(51);
    expect(JSON.parse(lines[0] as string)).toEqual({ earlier: true });
    expect(lines.slice(1).map((l) => JSON.parse(l))).toEqual(events);
  });

  it('a name holding LF, CR, NEL, U+2028 and U+2029 stays on one line and reads back the same', async () => {
    const path = join(dir, 'audit.jsonl');
    const nasty = 'evil\nname\r\u0085\u2028\u2029.pdf';
    const sink = jsonLinesAudit(path);
    sink(event(nasty));
    sink(event('next.pdf'));
    await sink.close();

    const text = readFileSync(path, 'utf8');
    const lines = text.split(LINE_BREAKS);
    expect(lines).toEqual([expect.any(String), expect.any(String), '']);
    expect(JSON.parse(lines[0] as string).fileName).toBe(nasty);
    expect(JSON.parse(lines[1] as string).fileName).toBe('next.pdf');
    expect(text).toContain('\\u2028');
    expect(text).toContain('\\u0085');
  });

  it('a lone surrogate is escaped, so the file is valid UTF-8', async () => {
    const path = join(dir, 'audit.jsonl');
    const sink = jsonLinesAudit(path);
    sink(event('half\ud800.pdf'));
    await sink.close();
    const raw = readFileSync(path);
    expect(new TextDecoder('utf-8', { fatal: true }).decode(raw)).toContain('\\ud800');
    expect(JSON.parse(raw.toString('utf8')).fileName).toBe('half\ud800.pdf');
  });

  it('a file that cannot be opened is reported once, and neither the sink nor close throws', async () => {
    const errors: Error[] = [];
    const sink = jsonLinesAudit(join(dir, 'missing-directory', 'audit.jsonl'), { onError: (e) => errors.push(e) });
    expect(() => {
      for (let i = 0; i < 5; i++) sink(event(`f${i}.pdf`, i));
    }).not.toThrow();
    await sink.close();
    sink(event('after-close.pdf'));
    expect(errors).toHaveLength(1);
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('ENOENT');
  });

  it('an onError that throws does not reach the caller either', async () => {
    const sink = jsonLinesAudit(join(dir, 'missing', 'a.jsonl'), {
      onError: () => {
        throw new Error('handler broke');
      },
    });
    sink(event('a.pdf'));
    await expect(sink.close()).resolves.toBeUndefined();
  });
});

describe('jsonLinesAudit to a stream', () => {
  it('writes lines to the stream and leaves it open', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const sink = jsonLinesAudit(out);
    sink(event('a.pdf', 1));
    sink(event('b.pdf', 2));
    await sink.close();
    expect(out.writableEnded).toBe(false);
    const lines = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l).fileName)).toEqual(['a.pdf', 'b.pdf']);
  });

  it('a stream that fails is reported once; later events are dropped without throwing', async () => {
    const errors: Error[] = [];
    let calls = 0;
    const broken = new Writable({
      write(_chunk, _encoding, callback) {
        calls++;
        callback(new Error('EPIPE-like'));
      },
    });
    const sink = jsonLinesAudit(broken, { onError: (e) => errors.push(e) });
    sink(event('a.pdf'));
    await new Promise((r) => setImmediate(r));
    sink(event('b.pdf'));
    sink(event('c.pdf'));
    await sink.close();
    expect(errors.map((e) => e.message)).toEqual(['EPIPE-like']);
    expect(calls).toBe(1);
  });
});

describe('jsonLine', () => {
  it('is one line of JSON ending in LF', () => {
    const line = jsonLine(event('x\ny.pdf'));
    expect(line.endsWith('\n')).toBe(true);
    expect(line.slice(0, -1)).not.toMatch(LINE_BREAKS);
    expect(JSON.parse(line).fileName).toBe('x\ny.pdf');
  });
});
