/**
 * Which attributes hold URLs, for HTML, SVG and MathML: one table, looked up by the
 * attribute's name as written (lower case, with its `xlink:`/`xml:` prefix). Element
 * names do not matter: a URL attribute on an unexpected element is still a URL, and the
 * URL rules only touch protected hosts after `//`, so a wider table cannot over-rewrite.
 */

/** How an attribute's value holds URLs. */
export type UrlAttributeKind =
  /** One URL (`href`, `src`, …). */
  | 'url'
  /** URLs separated by ASCII whitespace (`ping`, `itemtype`, `archive`). */
  | 'url-list'
  /** A `srcset` candidate list (WHATWG). */
  | 'srcset';

const TABLE: ReadonlyMap<string, UrlAttributeKind> = new Map<string, UrlAttributeKind>([
  // HTML
  ['href', 'url'], ['src', 'url'], ['action', 'url'], ['formaction', 'url'], ['poster', 'url'],
  ['data', 'url'], ['cite', 'url'], ['background', 'url'], ['manifest', 'url'], ['codebase', 'url'],
  ['longdesc', 'url'], ['classid', 'url'], ['profile', 'url'], ['lowsrc', 'url'], ['dynsrc', 'url'],
  ['icon', 'url'], ['itemid', 'url'], ['usemap', 'url'], ['attributionsrc', 'url'],
  ['ping', 'url-list'], ['itemtype', 'url-list'], ['archive', 'url-list'],
  ['srcset', 'srcset'], ['imagesrcset', 'srcset'],
  // SVG (href and xlink:href on a, image, use, script, feImage, pattern, gradients, textPath, …)
  ['xlink:href', 'url'], ['xml:base', 'url'],
  // MathML (href on any element, src on mglyph, definitionURL on csymbol/annotation)
  ['definitionurl', 'url'],
]);

/** The kind of URL attribute `name` (lower case, as written) is, or undefined. */
export function urlAttributeKind(name: string): UrlAttributeKind | undefined {
  // Lazy loaders keep the real candidates in `data-srcset` (`data-lazy-srcset`, …) and copy
  // them into `srcset` when the image nears the viewport: a srcset in waiting.
  return TABLE.get(name) ?? (name.endsWith('srcset') ? 'srcset' : undefined);
}

/**
 * SVG presentation attributes whose value may be a CSS `url(…)` reference
 * (`fill="url(https://…#g)"`): a URL position of its own.
 */
const SVG_URL_REFERENCE = new Set([
  'fill', 'stroke', 'filter', 'mask', 'clip-path', 'marker-start', 'marker-mid', 'marker-end', 'cursor',
]);

/** Whether `name` is an SVG presentation attribute that may hold `url(…)`. */
export function isUrlReferenceAttribute(name: string): boolean {
  return SVG_URL_REFERENCE.has(name);
}
