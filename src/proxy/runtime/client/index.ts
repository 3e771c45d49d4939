import type { RuntimeConfig } from '../types.js';
import { install } from './install.js';
import { removeOwnScript } from './own-script.js';

// The bundle's entry. The snippet wraps the bundle in `function(__SPR_CONFIG__){…}`, so
// the configuration arrives as that free name and nothing is left on the global object.
declare const __SPR_CONFIG__: RuntimeConfig;

try {
  install(globalThis, __SPR_CONFIG__);
} finally {
  removeOwnScript();
}
