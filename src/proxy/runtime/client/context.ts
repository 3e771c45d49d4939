import type { RuntimeConfig } from '../types.js';
import { createHostMapper, type HostMapper } from './host-map.js';

/** A window or a worker's global scope: hooks look up what they patch and skip what is absent. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Scope = typeof globalThis & Record<PropertyKey, any>;

/** What every hook shares. */
export interface RuntimeContext {
  readonly scope: Scope;
  readonly config: RuntimeConfig;
  readonly hosts: HostMapper;
  /** A URL argument: its proxied twin when it names a protected host, otherwise the argument itself, untouched. */
  mapped<T>(value: T): T | string;
}

const HOST_BEARING = /[:/\\]/;

export function createContext(scope: Scope, config: RuntimeConfig): RuntimeContext {
  const hosts = createHostMapper(config);
  // Resolved as the browser resolves the argument: against the document's base URL, or the worker's URL.
  const base = (): string => (scope.document ? scope.document.baseURI : scope.location.href);
  const mapped = <T>(value: T): T | string => {
    if (value === null || value === undefined || typeof value === 'symbol') return value;
    let text: string;
    try {
      text = typeof value === 'string' ? value : String(value);
    } catch {
      return value; // the native call throws the same error
    }
    // Without `:`, `/` or `\\` the value is a path relative to the (proxied) base: nothing to map.
    return HOST_BEARING.test(text) ? (hosts.url(text, base()) ?? value) : value;
  };
  return { scope, config, hosts, mapped };
}
