import type { RuntimeConfig } from '../types.js';
import { hookActivities } from './activities.js';
import { createContext, type Scope } from './context.js';
import { hookDocument } from './document.js';
import { hookElements } from './elements.js';
import { hookFrames } from './frames.js';
import { hookHtml } from './html.js';
import { hookNavigation } from './navigation.js';
import { hookNetwork } from './network.js';
import { hookStyles } from './styles.js';
import { hookTrustedTypes } from './trusted-types.js';
import { hookUrlConstructor } from './url-constructor.js';
import { hookWorkers } from './workers.js';
import { hookDocumentWrite } from './write.js';

// Marks a scope as done: the snippet and a worker prelude may both reach one scope (a
// page that imports a prelude'd script), and hooks must wrap once.
const INSTALLED = Symbol.for('spr.runtime');

/**
 * Installs every hook that applies to `scope`: a window, or a worker's global scope (no
 * DOM there: each hook skips what the scope lacks). One hook failing leaves the others.
 */
export function install(scope: Scope, config: RuntimeConfig): void {
  if (scope[INSTALLED]) return;
  Object.defineProperty(scope, INSTALLED, { value: true });
  const rt = createContext(scope, config);
  // Activities first: their reports use the platform's own fetch and sendBeacon.
  const adopt = (child: Scope): void => install(child, config);
  for (const hook of [hookActivities, hookUrlConstructor, hookNetwork, hookWorkers, hookNavigation, hookElements, hookHtml, hookStyles, hookTrustedTypes, hookDocumentWrite, hookDocument, (r: typeof rt) => hookFrames(r, adopt)]) {
    try {
      hook(rt);
    } catch {
      // A browser without some interface: the other hooks still apply.
    }
  }
}
