import type { UrlAuthority } from './code-url-extents.js';
import type { Edit } from './edits.js';
import { encodeForLiteral } from './literal-view.js';
import type { HostOccurrence } from './scanner.js';
import { rawEdit, type CodeForm, type ValueView } from './string-value.js';

// What the URL rule decided for one URL inside a code or data string, as an occurrence of
// the string as written: the edits carried from the value onto the raw text (written
// back escaped for the literal), the host the parser read for the record.

/** The host the parser reads in a URL the URL rule proxied (for the record: the edits are decided). */
function parsedHost(url: string): string {
  try {
    return new URL(url, 'http://base.invalid/').hostname;
  } catch {
    return '';
  }
}

/** The URL rule's edits of one URL's value as an occurrence of the raw text. */
export function urlOccurrence(view: ValueView, authority: UrlAuthority | null, edits: readonly Edit[], form: CodeForm): HostOccurrence {
  const encode = form === 'value' ? (t: string) => t : encodeForLiteral;
  const first = Math.min(...edits.map((e) => e.start));
  return {
    start: view.rawAt(0),
    hostStart: view.rawAt(authority === null ? first : authority.authorityStart),
    end: view.rawAt(authority === null ? first : authority.authorityEnd),
    host: parsedHost(view.text),
    context: 'url',
    dot: '.',
    leadingDot: false,
    wildcard: false,
    edits: edits.map((e) => rawEdit(view, e.start, e.end, encode(e.text))),
  };
}
