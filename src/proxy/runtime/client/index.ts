import type { RuntimeConfig } from '../types.js';
import { install } from './install.js';

// The bundle's entry. The snippet wraps the bundle in `function(__SPR_CONFIG__){…}`, so
// the configuration arrives as that free name and nothing is left on the global object.
declare const __SPR_CONFIG__: RuntimeConfig;

install(globalThis, __SPR_CONFIG__);
