import type { RuntimeContext } from './context.js';
import { mapArguments } from './patch.js';

// `scheme://host[:port]` or `//host[:port]`: a host run of label characters and dots
// (linear: one character class, then an optional port).
const AUTHORITY = /(?:(?:https?|wss?):)?\/\/[A-Za-z0-9_.-]+(?::\d{1,5})?/gi;

/**
 * `document.write(…)` pieces may be partial markup (an open tag now, its end later), so
 * they are not parsed: each absolute authority in the text whose host is protected
 * becomes its twin's, in place. Text that merely looks like one (`// comment`) names no
 * protected host and stays.
 */
export function hookDocumentWrite(rt: RuntimeContext): void {
  const { scope, hosts } = rt;
  const text = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    return value.replace(AUTHORITY, (authority) => {
      const twin = hosts.url(authority + '/', scope.document.baseURI);
      return twin === null ? authority : twin.slice(0, -1);
    });
  };
  for (const name of ['write', 'writeln']) mapArguments(scope.Document?.prototype, name, 'all', text);
}
