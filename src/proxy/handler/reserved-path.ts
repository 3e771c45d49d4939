import { RUNTIME_PATH_PREFIX } from '../runtime/index.js';

/**
 * Whether a request target is one of the proxy's own paths on a proxied host (the
 * runtime's endpoints): it is answered here and never sent upstream. Matched on the path
 * as sent, which is what a browser sends after its own normalisation.
 */
export function isReservedPath(target: string | undefined): boolean {
  return pathOf(target).startsWith(RUNTIME_PATH_PREFIX);
}

/** The path of an origin-form (`/x?y`) or absolute-form (`http://h/x?y`) target. */
export function pathOf(target: string | undefined): string {
  if (target === undefined || target === '') return '/';
  if (target.startsWith('/')) {
    const end = target.search(/[?#]/);
    return end < 0 ? target : target.slice(0, end);
  }
  try {
    return new URL(target).pathname;
  } catch {
    return '/';
  }
}
