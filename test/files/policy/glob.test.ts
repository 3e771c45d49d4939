import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockWhen, decide } from './classify.js';
import { fileDouble } from './file-double.js';

const nameMatches = async (glob: string, name: string) => (await decide(blockWhen({ fileName: [glob] }), fileDouble({ name }), {})).action === 'block';

describe('globs (fileName, user, userAgent, contentType)', () => {
  it.each([
    ['*.pdf', 'report.PDF', true],
    ['*.pdf', 'report.pdf.exe', false],
    ['report-??.pdf', 'report-07.pdf', true],
    ['report-??.pdf', 'report-7.pdf', false],
    ['[abc]*', 'Beta.txt', true],
    ['[!abc]*', 'beta.txt', false],
    ['[^abc]*', 'delta.txt', true],
    ['[a-c]*', 'c.txt', true],
    ['[a-c]*', 'd.txt', false],
    ['[[:digit:]]*', '7.txt', true],
    ['[]]x', ']x', true],
    ['*.{doc,docx,xls{,x}}', 'a.xlsx', true],
    ['*.{doc,docx,xls{,x}}', 'a.pptx', false],
    ['a\\*b', 'a*b', true],
    ['a\\*b', 'axb', false],
    // No extended globs: parentheses, + and @ are literal, so browsers' "(1)" copies can be named.
    ['*(1).pdf', 'report (1).pdf', true],
    ['+(a|b)', 'ab', false],
    ['+(a|b)', '+(a|b)', true],
    // `/` is an ordinary character: names have no path.
    ['a*b', 'a/x/b', true],
    ['a?b', 'a/b', true],
    // A comma or a brace outside braces is literal.
    ['a,b}', 'a,b}', true],
    ['*', '', true],
    ['é*', 'École.txt', true],
  ])('%s matches %j: %s', async (glob, name, expected) => {
    expect(await nameMatches(glob, name)).toBe(expected);
  });

  it('matches any name written with its special characters escaped, as itself', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 20 }), async (name) => {
        const escaped = name.replace(/[\\*?[\]{},!]/g, (c) => `\\${c}`);
        expect(await nameMatches(escaped, name)).toBe(true);
      }),
    );
  });

  it('answers a long crafted name against a many-star glob (linear matching)', async () => {
    // A backtracking matcher would try every split of the name among the stars.
    const name = `${'a'.repeat(20_000)}.txt`;
    expect(await nameMatches('*a*a*a*a*a*a*a*b', name)).toBe(false);
  });
});
