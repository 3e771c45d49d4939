import type { Rewriter } from '../../rewriter.js';
import type { RuntimeConfig } from './types.js';

export type { ActivityControl, RuntimeConfig, SessionActivity } from './types.js';

/** Paths under it are the proxy's own on every proxied host and never go upstream. */
export const RUNTIME_PATH_PREFIX = '/__spr/';
/** The runtime POSTs `application/json` `{activity, url, rule}` here. */
export const ACTIVITY_ENDPOINT = '/__spr/activity';

/** The runtime's configuration for a rewriter's host mapping, with this session's activity controls. */
export function runtimeConfigOf(rw: Rewriter, activities?: RuntimeConfig['activities']): RuntimeConfig {
  const map = rw.context.hosts.map;
  return {
    suffix: map.suffix,
    scheme: map.scheme,
    domains: map.patterns.map((p) => (p.exact ? p.base : '*.' + p.base)),
    ...(map.publicScheme === undefined ? {} : { publicScheme: map.publicScheme }),
    ...(map.publicPort === undefined ? {} : { publicPort: map.publicPort }),
    ...(activities === undefined ? {} : { activities }),
    endpoint: ACTIVITY_ENDPOINT,
  };
}
