import { activityControls, type Policy, type SessionContext } from '../../files/index.js';
import type { ResponseExtras } from '../../pipeline/index.js';
import type { Rewriter } from '../../rewriter.js';
import type { RuntimeOptions } from '../options.js';
import { runtimeConfigOf, runtimePrelude, runtimeSnippet } from '../runtime/index.js';

/** The extras of a response for a session: the runtime's snippet and worker prelude with its activity controls. */
export type ExtrasOf = (session: SessionContext) => ResponseExtras | undefined;

// Sessions share a handful of activity settings; their snippets are made once each.
const CACHED_SETTINGS = 64;

/**
 * The client runtime for each response, or nothing when it is turned off. Activity
 * controls come from the policy and the session of the request, so the proxy keeps no
 * state: a session whose device or location changed gets other controls on its next page.
 */
export function runtimeExtras(rw: Rewriter, runtime: RuntimeOptions | boolean | undefined, policy: Policy | undefined): ExtrasOf {
  const enabled = typeof runtime === 'boolean' ? runtime : runtime?.enabled !== false;
  if (!enabled) return () => undefined;
  const made = new Map<string, ResponseExtras>();
  return (session) => {
    const activities = policy === undefined ? undefined : activityControls(policy, session);
    const key = JSON.stringify(activities ?? null);
    let extras = made.get(key);
    if (extras === undefined) {
      const config = runtimeConfigOf(rw, activities);
      extras = { snippet: runtimeSnippet(config), workerPrelude: runtimePrelude(config) };
      if (made.size >= CACHED_SETTINGS) made.delete(made.keys().next().value as string);
      made.set(key, extras);
    }
    return extras;
  };
}
