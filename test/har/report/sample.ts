import { auditEntries } from '../../../src/har/audit/index.js';
import { harEntry, PROTECTED } from '../audit/entries.js';

/** A small run: one page with an escape whose snippet holds markup, one clean proxied image, one third-party entry. */
export async function sampleResult(): ReturnType<typeof auditEntries> {
  const entries = [
    harEntry({ text: '<script>location = "https://app.example.com/?q=<script>alert(1)</script>";</script>' }),
    harEntry({ url: 'https://app.example.com/next', contentType: 'text/plain', headers: [['Location', 'https://www.example.com/"><img src=x onerror=alert(2)>']] }),
    harEntry({ contentType: 'image/png', text: 'iVBORw0KGgo=', encoding: 'base64' }),
    harEntry({ url: 'https://third.org/x.js', contentType: 'text/javascript', text: '"https://app.example.com/"' }),
  ].map((entry, index) => ({ index, entry }));
  return auditEntries(entries, PROTECTED);
}

