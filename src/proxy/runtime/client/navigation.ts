import type { RuntimeContext } from './context.js';
import { mapArguments, wrapMethod } from './patch.js';

/** Interface of Chromium's Navigation API, as far as it is used here (not yet in TypeScript's DOM library). */
interface NavigateEventLike extends Event {
  readonly destination: { readonly url: string };
  readonly navigationType: 'push' | 'replace' | 'reload' | 'traverse';
  readonly formData: FormData | null;
  readonly sourceElement?: Element | null;
}

/** Where the window goes: window.open, history, location (through the Navigation API), postMessage targets. */
export function hookNavigation(rt: RuntimeContext): void {
  const { scope, mapped, hosts } = rt;
  mapArguments(scope, 'open', [0], mapped);
  mapArguments(scope.History?.prototype, 'pushState', [2], mapped);
  mapArguments(scope.History?.prototype, 'replaceState', [2], mapped);

  // `location.href = …`, `location.assign/replace` cannot be wrapped (Location's members are
  // unforgeable). Chromium's Navigation API reports every navigation the page starts
  // before it starts: cancel the one to a protected host and start it again to the twin.
  scope.navigation?.addEventListener?.('navigate', (event: NavigateEventLike) => {
    const twin = hosts.url(event.destination.url);
    if (twin === null || !event.cancelable) return;
    event.preventDefault();
    if (event.formData === null) {
      scope.location[event.navigationType === 'replace' ? 'replace' : 'assign'](twin);
      return;
    }
    // A POST form: submitted again to the twin; without its form at hand it stays cancelled (never sent upstream directly).
    const source = event.sourceElement as (Element & { form?: HTMLFormElement | null }) | null | undefined;
    const form = source instanceof scope.HTMLFormElement ? source : source?.form;
    if (form) {
      form.setAttribute('action', twin);
      scope.HTMLFormElement.prototype.submit.call(form);
    }
  });

  // A window's own postMessage(message, targetOrigin | {targetOrigin}); a worker's takes no origin.
  if (!scope.document) return;
  const origin = (value: unknown): unknown => {
    const twin = mapped(value);
    return twin === value ? value : new URL(twin as string).origin;
  };
  wrapMethod(scope, 'postMessage', (original) =>
    function (this: unknown, ...args: unknown[]) {
      const options = args[1];
      if (typeof options === 'string') args[1] = origin(options);
      else if (options && typeof options === 'object' && 'targetOrigin' in options) args[1] = { ...options, targetOrigin: origin(options.targetOrigin) };
      return original.apply(this, args);
    },
  );
}
