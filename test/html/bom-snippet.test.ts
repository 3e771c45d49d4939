import { describe, expect, it } from 'vitest';
import { createRewriter } from '../../src/rewriter.js';
import { runChunks } from '../helpers/streams.js';

// A BOM is not content (HTML §13.2.3.1 strips it before tokenizing): the snippet goes
// where it would go without it, and the BOM stays first, in the string helper and the
// stream alike.
const rw = createRewriter({ suffix: 'proxy.test', domains: ['acme-docs.com'], snippet: '<script>s()</script>' });

describe('BOM and snippet', () => {
  it.each([
    ['<!doctype html><html><head><title>t</title>', '<!doctype html><html><head><script>s()</script><title>t</title>'],
    ['<p>x', '<head><script>s()</script></head><p>x'],
  ])('%j keeps the BOM first in both forms', async (page, expected) => {
    expect(rw.rewriteHtml('\ufeff' + page)).toBe('\ufeff' + expected);
    const streamed = await runChunks(rw.html(), [Buffer.from('\ufeff' + page)]);
    expect(streamed.toString()).toBe('\ufeff' + expected);
  });
});
