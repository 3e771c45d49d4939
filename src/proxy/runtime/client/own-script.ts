// The snippet's own inline `<script>`: `document.currentScript` while the bundle's first
// statements run. A srcdoc document gets a copy of it (markup.ts); once the runtime has
// installed, the element leaves the DOM (index.ts). Null in a worker, or when the bundle
// came in a script with a `src` (a page's own file): that one is not the runtime's to copy or move.
const current = typeof document === 'object' ? document.currentScript : null;
const own = current?.localName === 'script' && !current.hasAttribute('src') ? (current as HTMLScriptElement) : null;

/** What a copy of the runtime's script needs: its text and its CSP nonce ('' when none). */
export const ownScript = own ? { text: own.text, nonce: own.nonce ?? '' } : null;

/**
 * Takes the runtime's script out of the document, nonce cleared. A page script could
 * otherwise read the proxy's nonce (`script.nonce` stays readable though Chromium hides the
 * attribute) and give it to inline script the page's own policy forbids.
 */
export function removeOwnScript(): void {
  if (!own) return;
  own.remove();
  own.removeAttribute('nonce');
  own.nonce = '';
}
