import type { RuntimeContext, Scope } from './context.js';
import { wrapMethod } from './patch.js';

/**
 * Same-origin windows that never load a page of their own (an `about:blank` iframe, a
 * `window.open('')`) get no snippet, yet a script can call their `fetch`. The runtime is
 * installed into them when the page reaches them through `contentWindow`,
 * `contentDocument` or `window.open`. Cross-origin windows refuse the look and are left.
 */
export function hookFrames(rt: RuntimeContext, adopt: (scope: Scope) => void): void {
  const { scope } = rt;
  const enter = (w: unknown): void => {
    try {
      if (w && (w as Scope).document) adopt(w as Scope);
    } catch {
      // cross-origin: not ours to touch, and it loads its own page (with its own runtime)
    }
  };
  for (const name of ['HTMLIFrameElement', 'HTMLFrameElement', 'HTMLObjectElement']) {
    const proto = scope[name]?.prototype;
    for (const prop of ['contentWindow', 'contentDocument']) {
      const d = proto ? Object.getOwnPropertyDescriptor(proto, prop) : undefined;
      if (!d?.get || !d.configurable) continue;
      const get = d.get;
      Object.defineProperty(proto, prop, {
        ...d,
        get(this: unknown) {
          const value = get.call(this);
          enter(prop === 'contentWindow' ? value : value?.defaultView);
          return value;
        },
      });
    }
  }
  wrapMethod(scope, 'open', (original) =>
    function (this: unknown, ...args: unknown[]) {
      const opened = original.apply(this, args);
      enter(opened);
      return opened;
    },
  );
}
