import type { RuntimeContext } from './context.js';
import { attributeMapper } from './elements.js';
import { mapArguments, mapSetter, wrapMethod } from './patch.js';

/**
 * Markup built at run time (`el.innerHTML = '<img src="https://' + h + '">'`): parsed in
 * an inert `<template>` (nothing loads there), its attributes mapped by the setAttribute
 * rule, serialized again. Only when the text names a protected domain at all, and only
 * strings: Trusted Types objects pass untouched. DOMParser's documents likewise. `document.write` is left alone: its
 * pieces may be partial markup that a parse and serialization would close.
 */
export function hookHtml(rt: RuntimeContext): void {
  const { scope, config } = rt;
  const doc = scope.document as Document | undefined;
  const innerHTML = Object.getOwnPropertyDescriptor(scope.Element?.prototype ?? {}, 'innerHTML')?.set;
  if (!doc || !innerHTML) return;
  const attribute = attributeMapper(rt);
  const bases = config.domains.map((d) => d.replace(/^\*\./, '').toLowerCase());
  const mayName = (value: string): boolean => {
    const lower = value.toLowerCase();
    return bases.some((b) => lower.includes(b));
  };
  /** Maps the attributes of every element under `root` (inert); true when one changed. */
  const mapTree = (root: ParentNode): boolean => {
    let changed = false;
    for (const element of root.querySelectorAll('*')) {
      for (const attr of Array.from(element.attributes)) {
        const twin = attribute(attr.name, attr.value);
        if (twin !== attr.value) {
          attr.value = String(twin);
          changed = true;
        }
      }
    }
    return changed;
  };
  const html = (value: unknown): unknown => {
    if (typeof value !== 'string' || !mayName(value)) return value;
    const template = doc.createElement('template');
    innerHTML.call(template, value);
    return mapTree(template.content) ? template.innerHTML : value;
  };
  for (const proto of [scope.Element?.prototype, scope.ShadowRoot?.prototype]) mapSetter(proto, 'innerHTML', html);
  mapSetter(scope.Element?.prototype, 'outerHTML', html);
  mapArguments(scope.Element?.prototype, 'insertAdjacentHTML', [1], html);
  mapArguments(scope.Element?.prototype, 'setHTMLUnsafe', [0], html);
  mapArguments(scope.ShadowRoot?.prototype, 'setHTMLUnsafe', [0], html);
  mapArguments(scope.Range?.prototype, 'createContextualFragment', [0], html);
  // DOMParser documents are inert until their nodes are imported: mapped where they are.
  wrapMethod(scope.DOMParser?.prototype, 'parseFromString', (original) =>
    function (this: unknown, ...args: unknown[]) {
      const parsed = original.apply(this, args) as Document;
      if (typeof args[0] === 'string' && mayName(args[0])) mapTree(parsed);
      return parsed;
    },
  );
}
