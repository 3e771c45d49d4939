import type { RuntimeConfig } from './config.js';
import { runtimeSource } from './source.js';

/**
 * The runtime with its configuration, as one expression statement: the bundle reads the
 * configuration through a function parameter, so nothing is left on the global object.
 */
export function runtimePrelude(config: RuntimeConfig): string {
  return `(function(__SPR_CONFIG__){${runtimeSource()}})(${configLiteral(config)});\n`;
}

/** `<script>…</script>` for the start of `<head>` (the pipeline adds a CSP nonce when the page needs one). */
export function runtimeSnippet(config: RuntimeConfig): string {
  return `<script>${runtimePrelude(config)}</script>`;
}

/**
 * JSON that is safe inside an inline `<script>` and ASCII only (the HTML rewriter writes
 * the snippet in the page's charset): `<` can never open `</script` or `<!--`, and every
 * non-ASCII character (U+2028 included) is a `\u` escape.
 */
function configLiteral(config: RuntimeConfig): string {
  return JSON.stringify(config).replace(/[<>&\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
