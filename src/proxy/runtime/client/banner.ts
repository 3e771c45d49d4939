import type { Scope } from './context.js';

const SHOWN_MS = 6000;
/** The notice on screen, per document: a new one replaces it rather than stacking on it. */
const shown = new WeakMap<Document, Element>();

/**
 * A small non-blocking notice at the top of the page (never `alert`), in a closed shadow
 * root so page styles neither hide nor restyle it. Styles set through the CSSOM, which
 * a Content Security Policy without 'unsafe-inline' still allows.
 */
export function showBanner(scope: Scope, message: string): void {
  const doc = scope.document as Document | undefined;
  if (!doc?.documentElement) return;
  const host = doc.createElement('spr-notice');
  const box = doc.createElement('div');
  box.textContent = message;
  box.setAttribute('role', 'status');
  Object.assign(box.style, {
    position: 'fixed', top: '12px', left: '50%', transform: 'translateX(-50%)', zIndex: '2147483647',
    maxWidth: '80vw', padding: '10px 16px', borderRadius: '6px', background: '#b00020', color: '#fff',
    font: '14px/1.4 system-ui,sans-serif', boxShadow: '0 2px 8px rgba(0,0,0,.3)', pointerEvents: 'none',
  });
  host.attachShadow({ mode: 'closed' }).append(box);
  shown.get(doc)?.remove();
  shown.set(doc, host);
  doc.documentElement.append(host);
  scope.setTimeout(() => host.remove(), SHOWN_MS);
}
