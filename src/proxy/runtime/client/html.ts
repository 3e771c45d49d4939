import type { RuntimeContext } from './context.js';
import { attributeMapper } from './elements.js';
import { mapArguments, mapSetter } from './patch.js';

/**
 * Markup built at run time (`el.innerHTML = '<img src="https://' + h + '">'`): parsed in
 * an inert `<template>` (nothing loads there), its attributes mapped by the setAttribute
 * rule, serialized again. Only when the text names a protected domain at all, and only
 * strings: Trusted Types objects pass untouched. `document.write` is left alone: its
 * pieces may be partial markup that a parse and serialization would close.
 */
export function hookHtml(rt: RuntimeContext): void {
  const { scope, config } = rt;
  const doc = scope.document as Document | undefined;
  const innerHTML = Object.getOwnPropertyDescriptor(scope.Element?.prototype ?? {}, 'innerHTML')?.set;
  if (!doc || !innerHTML) return;
  const attribute = attributeMapper(rt);
  const bases = config.domains.map((d) => d.replace(/^\*\./, '').toLowerCase());
  const html = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    const lower = value.toLowerCase();
    if (!bases.some((b) => lower.includes(b))) return value;
    const template = doc.createElement('template');
    innerHTML.call(template, value);
    let changed = false;
    for (const element of template.content.querySelectorAll('*')) {
      for (const attr of Array.from(element.attributes)) {
        const twin = attribute(attr.name, attr.value);
        if (twin !== attr.value) {
          attr.value = String(twin);
          changed = true;
        }
      }
    }
    return changed ? template.innerHTML : value;
  };
  for (const proto of [scope.Element?.prototype, scope.ShadowRoot?.prototype]) mapSetter(proto, 'innerHTML', html);
  mapSetter(scope.Element?.prototype, 'outerHTML', html);
  mapArguments(scope.Element?.prototype, 'insertAdjacentHTML', [1], html);
  mapArguments(scope.Element?.prototype, 'setHTMLUnsafe', [0], html);
  mapArguments(scope.ShadowRoot?.prototype, 'setHTMLUnsafe', [0], html);
  mapArguments(scope.Range?.prototype, 'createContextualFragment', [0], html);
}
