import { describe, expect, it } from 'vitest';
import { TextCollector } from '../../../src/files/inspect/text-collector.js';

describe('TextCollector', () => {
  it('keeps text up to the limit and says when there was more', () => {
    const out = new TextCollector(10);
    out.write('0123456789');
    expect(out.result()).toEqual({ text: '0123456789', cannotInspect: null });
    expect(out.full).toBe(false);
    out.write('x');
    expect(out.result()).toEqual({ text: '0123456789', cannotInspect: 'too-much-text' });
    expect(out.full).toBe(true);
  });

  it('writes a separator only when text follows it, so text that ends at the limit is whole', () => {
    const out = new TextCollector(5);
    out.write('abcde');
    out.separate();
    expect(out.result()).toEqual({ text: 'abcde', cannotInspect: null });
  });

  it('never starts with a separator, and makes one of several in a row (a newline when any is)', () => {
    const out = new TextCollector(100);
    out.separate();
    out.write('a');
    out.separate('\t');
    out.separate('\n');
    out.separate('\t');
    out.write('b');
    out.separate('\t');
    out.write('c\n');
    out.separate('\t');
    out.write('d');
    expect(out.result().text).toBe('a\nb\tc\nd');
  });

  it('does not keep half of a surrogate pair at the cut', () => {
    const out = new TextCollector(3);
    out.write('ab😀');
    expect(out.result()).toEqual({ text: 'ab', cannotInspect: 'too-much-text' });
  });

  it('keeps the most serious reason, whatever order they come in', () => {
    const out = new TextCollector(1);
    out.fail('too-large');
    out.fail('encrypted');
    out.fail('corrupt');
    out.write('xy');
    expect(out.result().cannotInspect).toBe('encrypted');
  });
});
