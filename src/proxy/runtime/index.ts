/**
 * `src/proxy/runtime`: the client runtime injected into proxied pages and worker scripts,
 * seen from Node: its configuration, the `<script>` snippet, the worker prelude and the
 * bundle built from `client/` (browser code, never imported here).
 */
export {
  ACTIVITY_ENDPOINT,
  RUNTIME_PATH_PREFIX,
  runtimeConfigOf,
  type ActivityControl,
  type RuntimeConfig,
  type SessionActivity,
} from './config.js';
export { runtimePrelude, runtimeSnippet } from './snippet.js';
export { runtimeSource } from './source.js';
