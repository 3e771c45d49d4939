/** A `securitypolicyviolation` event as the page saw it. */
export interface Violation {
  readonly directive: string;
  /** `inline`, `eval`, `trusted-types-sink`, or the blocked URL. */
  readonly blocked: string;
  readonly disposition: 'enforce' | 'report';
  readonly sourceFile: string;
  readonly line: number;
  /** The `id` of the element the event was fired at, when one (an inline script). */
  readonly element: string | null;
  /** The start of that element's text: the runtime's script starts with {@link RUNTIME_START}. */
  readonly text: string | null;
}

/** How the runtime's snippet begins (src/proxy/runtime/snippet.ts): what names its script in a violation. */
export const RUNTIME_START = '(function(__SPR_CONFIG__)';

/**
 * Installed with `context.addInitScript` (DevTools' "evaluate on new document", which no
 * page policy governs): runs before any script of the page, the runtime's included, so
 * it sees every violation from the first.
 */
export const VIOLATION_RECORDER = `(() => {
  const seen = (window.__violations = []);
  addEventListener('securitypolicyviolation', (e) => {
    const el = e.target && e.target.nodeType === 1 ? e.target : null;
    seen.push({
      directive: e.effectiveDirective, blocked: e.blockedURI, disposition: e.disposition,
      sourceFile: e.sourceFile, line: e.lineNumber,
      element: el ? el.id || el.localName : null, text: el ? String(el.textContent).slice(0, 40) : null,
    });
  }, true);
})();`;

/** The lines of the page (as the browser got it) that the runtime's inline script spans, first and last. */
export function runtimeLines(html: string): readonly [number, number] {
  const start = html.indexOf(RUNTIME_START);
  const lineAt = (offset: number): number => html.slice(0, offset).split('\n').length;
  return [lineAt(start), lineAt(html.indexOf('</script>', start))];
}

/** Whether a violation's source location is in the runtime's code (a page's call that went through one of its wrappers, say). */
export function raisedInRuntime(v: Violation, lines: readonly [number, number], pageUrl: string): boolean {
  return v.sourceFile === pageUrl && v.line >= lines[0] && v.line <= lines[1];
}

/** Whether a violation blocked the runtime's own script: fired at its element, or an inline block on its lines. */
export function blocksRuntime(v: Violation, lines: readonly [number, number], pageUrl: string): boolean {
  return (v.text ?? '').startsWith(RUNTIME_START) || (v.blocked === 'inline' && raisedInRuntime(v, lines, pageUrl));
}
