import type { ActivityControl, SessionActivity } from '../types.js';
import { showBanner } from './banner.js';
import type { RuntimeContext } from './context.js';
import { cssString } from './css.js';
import { wrapMethod } from './patch.js';

const CLIPBOARD_EVENTS = ['copy', 'cut', 'paste'] as const;

/**
 * The policy's activity controls in the page. `block`: the action is stopped and the
 * rule's message shown; `monitor`: it goes ahead. Either way an event is POSTed to the
 * proxy, which audits it with the request's session.
 */
export function hookActivities(rt: RuntimeContext): void {
  const { scope, config } = rt;
  const controls = config.activities;
  if (!controls || !scope.document) return;
  const sendBeacon = scope.navigator.sendBeacon?.bind(scope.navigator) as Navigator['sendBeacon'] | undefined;
  const fetch = scope.fetch as typeof globalThis.fetch;

  const report = (activity: SessionActivity, control: ActivityControl): void => {
    const body = JSON.stringify({ activity, url: scope.location.href, rule: control.rule });
    let queued = false;
    try {
      queued = sendBeacon?.(config.endpoint, new Blob([body], { type: 'application/json' })) ?? false;
    } catch {
      // a browser that refuses a JSON beacon: fetch below
    }
    if (!queued) {
      fetch(config.endpoint, { method: 'POST', keepalive: true, credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body }).catch(() => undefined);
    }
  };
  /** Reports the attempt; true when it is blocked (the message is then shown). */
  const attempt = (activity: SessionActivity, event?: Event): boolean => {
    const control = controls[activity];
    if (!control) return false;
    report(activity, control);
    if (control.action !== 'block') return false;
    if (event) {
      event.preventDefault();
      // The page's own handlers must not run: an editor copies by `clipboardData.setData` and pastes by `getData`.
      event.stopImmediatePropagation();
    }
    showBanner(scope, control.message);
    return true;
  };

  for (const activity of CLIPBOARD_EVENTS) {
    if (controls[activity]) scope.addEventListener(activity, (event: Event) => attempt(activity, event), true);
  }
  // The async Clipboard API fires no clipboard event.
  const clipboard = scope.Clipboard?.prototype;
  const gate = (activity: SessionActivity) => (original: (...args: unknown[]) => Promise<unknown>) =>
    function (this: unknown, ...args: unknown[]) {
      if (attempt(activity)) return Promise.reject(new DOMException(controls[activity]?.message ?? '', 'NotAllowedError'));
      return original.apply(this, args);
    };
  if (controls.copy) for (const m of ['write', 'writeText']) wrapMethod(clipboard, m, gate('copy'));
  if (controls.paste) for (const m of ['read', 'readText']) wrapMethod(clipboard, m, gate('paste'));

  const print = controls.print;
  if (!print) return;
  // `beforeprint` cannot be cancelled: it reports the browser menu's print, and for `block`
  // a print style sheet leaves only the message on paper.
  scope.addEventListener('beforeprint', () => attempt('print'));
  if (print.action !== 'block') return;
  wrapMethod(scope, 'print', () => () => void attempt('print'));
  scope.addEventListener(
    'keydown',
    (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === 'p' || event.key === 'P')) attempt('print', event);
    },
    true,
  );
  const sheet = new scope.CSSStyleSheet() as CSSStyleSheet;
  sheet.replaceSync(`@media print{body{display:none!important}html::before{content:${cssString(print.message)};font:16px sans-serif}}`);
  scope.document.adoptedStyleSheets = [...scope.document.adoptedStyleSheets, sheet];
}

