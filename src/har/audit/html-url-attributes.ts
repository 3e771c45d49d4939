/**
 * The attributes whose values are URLs, from the attribute indexes of the HTML standard
 * (with the obsolete ones browsers still fetch), SVG 2 and MathML Core. Looked up by name
 * as written (lower case, with an `xlink:`/`xml:` prefix): an element that does not
 * define the attribute gives no fetch, and a protected host there is still one to map.
 */
export type UrlAttributeShape =
  /** One URL. */
  | 'url'
  /** URLs separated by ASCII whitespace. */
  | 'url-list'
  /** Image candidates (`srcset`, `imagesrcset`). */
  | 'srcset';

const URL_ATTRIBUTES: ReadonlyMap<string, UrlAttributeShape> = new Map<string, UrlAttributeShape>([
  // HTML: a, area, base, link (href); img, iframe, embed, script, source, track, input, audio, video, frame (src);
  // form (action); button, input (formaction); video (poster); object (data); blockquote, q, del, ins (cite);
  // html (manifest); a, area (ping: a list); itemtype (a list), itemid.
  ['href', 'url'], ['src', 'url'], ['action', 'url'], ['formaction', 'url'], ['poster', 'url'], ['data', 'url'],
  ['cite', 'url'], ['manifest', 'url'], ['itemid', 'url'], ['attributionsrc', 'url'],
  ['ping', 'url-list'], ['itemtype', 'url-list'],
  ['srcset', 'srcset'], ['imagesrcset', 'srcset'],
  // Obsolete but fetched or followed: body/table/td (background), img/frame/iframe (longdesc), img (lowsrc,
  // dynsrc), object/applet (codebase, classid, archive: a list), head (profile), img/object (usemap), menuitem (icon).
  ['background', 'url'], ['longdesc', 'url'], ['lowsrc', 'url'], ['dynsrc', 'url'], ['codebase', 'url'],
  ['classid', 'url'], ['profile', 'url'], ['usemap', 'url'], ['icon', 'url'], ['archive', 'url-list'],
  // SVG 2 and SVG 1.1 (a, image, use, feImage, script, pattern, gradients, textPath, mpath); xml:base.
  ['xlink:href', 'url'], ['xml:base', 'url'],
  // MathML: href on any element, definitionURL.
  ['definitionurl', 'url'],
]);

/** How attribute `name` holds URLs, or undefined when it is no URL attribute. */
export function urlAttributeShape(name: string): UrlAttributeShape | undefined {
  return URL_ATTRIBUTES.get(name);
}

/** SVG presentation attributes whose value may be a `url(…)` reference to another document (`fill="url(https://…#g)"`). */
const SVG_REFERENCE_ATTRIBUTES: ReadonlySet<string> = new Set([
  'fill', 'stroke', 'filter', 'mask', 'clip-path', 'marker-start', 'marker-mid', 'marker-end', 'cursor',
]);

export function isSvgReferenceAttribute(name: string): boolean {
  return SVG_REFERENCE_ATTRIBUTES.has(name);
}
