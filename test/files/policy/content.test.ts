import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../../src/files/policy/index.js';
import { blockWhen, decide } from './classify.js';
import { fileDouble } from './file-double.js';

const withText = (text: string) => fileDouble({ name: 'notes.txt' }, { text });

describe('content dimension', () => {
  it.each([
    ['\\b\\d{3}-\\d{2}-\\d{4}\\b', 'SSN 078-05-1120 on file', true],
    ['\\b\\d{3}-\\d{2}-\\d{4}\\b', 'order 1078-05-11200', false],
    // Unanchored: found anywhere; case matters unless (?i) says otherwise.
    ['secret', 'top SECRET', false],
    ['(?i)secret', 'top SECRET', true],
    // `.` stops at a newline unless (?s); `^` is the text's start unless (?m).
    ['begin.end', 'begin\nend', false],
    ['(?s)begin.end', 'begin\nend', true],
    ['^total', 'x\ntotal: 3', false],
    ['(?m)^total', 'x\ntotal: 3', true],
    ['\\x{e9}t\\x{e9}', 'un été chaud', true],
    ['\\p{Greek}+', 'αβγ', true],
    ['\\!important', 'very !important', true],
  ])('/%s/ in %j: %s', async (pattern, text, expected) => {
    expect((await decide(blockWhen({ content: [pattern] }), withText(text))).action).toBe(expected ? 'block' : 'allow');
  });

  it('any positive pattern; a negated one vetoes', async () => {
    const policy = blockWhen({ content: ['alpha', 'beta', '!draft'] });
    expect((await decide(policy, withText('beta release'))).action).toBe('block');
    expect((await decide(policy, withText('beta draft'))).action).toBe('allow');
    expect((await decide(policy, withText('gamma'))).action).toBe('allow');
  });

  it('names the pattern that matched, never the matched text (the audit log must not hold the secret)', async () => {
    const d = await decide(blockWhen({ content: ['\\d{4}-\\d{4}-\\d{4}-\\d{4}'] }), withText('card 4111-1111-1111-1111'));
    expect(d.reason).toBe('rule "R": content /\\d{4}-\\d{4}-\\d{4}-\\d{4}/');
    expect(d.reason).not.toContain('4111');
  });

  it('a hostile pattern on a hostile text completes (linear-time matching)', async () => {
    // (a+)+$ on a run of a's ending in b takes a backtracking engine exponential time.
    const policy: PolicyDocument = blockWhen({ content: ['(a+)+$', '(x+x+)+y', '(.*a){20}'] });
    const d = await decide(policy, withText(`${'a'.repeat(100_000)}b`));
    // (.*a){20} does occur in 100,000 a's.
    expect(d.reason).toBe('rule "R": content /(.*a){20}/');
    // The text ends in b, so (a+)+$ does not occur; (a+)+b$ does.
    expect((await decide(blockWhen({ content: ['(a+)+$'] }), withText(`${'a'.repeat(100_000)}b`))).action).toBe('allow');
    expect((await decide(blockWhen({ content: ['(a+)+b$'] }), withText(`${'a'.repeat(100_000)}b`))).action).toBe('block');
  });
});
