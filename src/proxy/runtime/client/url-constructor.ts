import type { RuntimeContext } from './context.js';
import { wrapConstructor, wrapMethod } from './patch.js';

/**
 * `new URL('//' + host + ':' + port + …)` where the static rewriter gave the host piece
 * the proxy's port: two ports, which the URL parser refuses, so the page's constructor
 * throws. Only then, and only for that shape on a proxied twin, the code's port goes and
 * the parse is tried again; any other input behaves exactly as before, and a valid URL is
 * never mapped (pages parse URLs to compare hosts). `URL.canParse` and `URL.parse` likewise.
 */
export function hookUrlConstructor(rt: RuntimeContext): void {
  const { scope, hosts, config } = rt;
  const NativeURL = scope.URL;
  if (config.publicPort === undefined || typeof NativeURL !== 'function') return;
  /** The arguments (url, base) with each doubled port repaired; null when none is. */
  const repair = (args: unknown[]): unknown[] | null => {
    let changed = false;
    const fixed = args.map((arg, i) => {
      const twin = i < 2 && typeof arg === 'string' ? hosts.repaired(arg) : null;
      if (twin === null) return arg;
      changed = true;
      return twin;
    });
    return changed ? fixed : null;
  };
  wrapConstructor(scope, 'URL', (construct) => (args, newTarget) => {
    try {
      return construct(args, newTarget);
    } catch (err) {
      const fixed = repair(args);
      if (fixed) {
        try {
          return construct(fixed, newTarget);
        } catch {
          // still refused: the page gets the parser's first answer
        }
      }
      throw err;
    }
  });
  wrapMethod(NativeURL, 'canParse', (original) =>
    function (this: unknown, ...args: unknown[]) {
      if (original.apply(this, args)) return true;
      const fixed = repair(args);
      return fixed !== null && original.apply(this, fixed);
    },
  );
  wrapMethod(NativeURL, 'parse', (original) =>
    function (this: unknown, ...args: unknown[]) {
      const parsed = original.apply(this, args);
      const fixed = parsed === null ? repair(args) : null;
      return fixed ? original.apply(this, fixed) : parsed;
    },
  );
}
