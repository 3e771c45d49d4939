import type { RuntimeConfig } from '../types.js';
import { createContext, type Scope } from './context.js';
import { hookNetwork } from './network.js';

// Marks a scope as done: the snippet and a worker prelude may both reach one scope (a
// page that imports a prelude'd script), and hooks must wrap once.
const INSTALLED = Symbol.for('spr.runtime');

/** Installs every hook that applies to `scope` (a window, or a worker's global scope). */
export function install(scope: Scope, config: RuntimeConfig): void {
  if (scope[INSTALLED]) return;
  Object.defineProperty(scope, INSTALLED, { value: true });
  const rt = createContext(scope, config);
  hookNetwork(rt);
}
