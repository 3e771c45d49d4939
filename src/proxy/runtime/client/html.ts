import type { RuntimeContext } from './context.js';
import { markupOf } from './markup.js';
import { mapArguments, mapSetter, wrapMethod, wrapSetter } from './patch.js';

/**
 * Markup built at run time (`el.innerHTML = '<img src="https://' + h + '">'`): parsed in
 * an inert `<template>` (nothing loads there), its attributes mapped by the setAttribute
 * rule and its `<style>` text by the CSS rule, serialized again. Only when the text names
 * a protected domain or holds a srcdoc, and only strings: a TrustedHTML passes untouched,
 * its text was mapped when the page's policy made it (trusted-types.ts). DOMParser's
 * documents likewise; an iframe's `srcdoc` is mapped as a document
 * and gets the runtime first. `document.write` is write.ts's: its pieces may be partial
 * markup that a parse and serialization would close.
 */
export function hookHtml(rt: RuntimeContext): void {
  const { scope } = rt;
  // Before the wraps below: the markup mapping keeps the platform's own parsers.
  const { fragment, css, srcdoc, tree, mayNeed } = markupOf(rt);
  if (!scope.document) return;
  // A `<style>` element's markup is its CSS text.
  const html = function (this: unknown, value: unknown): unknown {
    return (this as Element | null)?.localName === 'style' ? css(value) : fragment(value);
  };
  for (const proto of [scope.Element?.prototype, scope.ShadowRoot?.prototype]) {
    wrapSetter(proto, 'innerHTML', (set) =>
      function (this: unknown, value: unknown) {
        set.call(this, html.call(this, value));
      },
    );
  }
  mapSetter(scope.Element?.prototype, 'outerHTML', fragment);
  mapArguments(scope.Element?.prototype, 'insertAdjacentHTML', [1], fragment);
  mapArguments(scope.Element?.prototype, 'setHTMLUnsafe', [0], fragment);
  mapArguments(scope.ShadowRoot?.prototype, 'setHTMLUnsafe', [0], fragment);
  mapArguments(scope.Range?.prototype, 'createContextualFragment', [0], fragment);
  mapSetter(scope.HTMLIFrameElement?.prototype, 'srcdoc', srcdoc);
  // DOMParser documents are inert until their nodes are imported: mapped where they are.
  wrapMethod(scope.DOMParser?.prototype, 'parseFromString', (original) =>
    function (this: unknown, ...args: unknown[]) {
      const parsed = original.apply(this, args) as Document;
      if (typeof args[0] === 'string' && mayNeed(args[0])) tree(parsed);
      return parsed;
    },
  );
}
