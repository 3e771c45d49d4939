import type { RuntimeContext } from './context.js';
import { mapCss } from './css.js';
import { ownScript } from './own-script.js';
import { mapSrcset } from './srcset.js';

const SRCSET_ATTRIBUTES = new Set(['srcset', 'imagesrcset']);
// A doctype must stay first in a srcdoc document: the runtime goes after it (anchored, one class: linear).
const LEADING_DOCTYPE = /^\s*<!doctype[^>]*>/i;
// Markup that starts as a whole document does (anchored: linear).
const DOCUMENT_START = /^\s*<(?:!doctype|html[\s/>])/i;

/**
 * What the platform's parsers are given for a string: the string itself, or (under Trusted
 * Types, where they refuse strings) a TrustedHTML of it.
 */
export type Parsable = (markup: string) => unknown;
const asIs: Parsable = (markup) => markup;

/** How values of markup and style built at run time are mapped; shared by the element, HTML and style hooks. */
export interface Markup {
  /** Whether markup may need mapping: it names a protected domain, or holds a srcdoc (which gets the runtime). */
  mayNeed(value: string): boolean;
  /** CSS text (declarations, rules, a sheet, a FontFace source): each URL it names mapped. Non-strings pass. */
  css(value: unknown): unknown;
  srcset(value: unknown): unknown;
  /** An attribute's value by its (local) name: srcset and ping lists, style as CSS, srcdoc as a document, any other as one URL. */
  attribute(name: unknown, value: unknown): unknown;
  /** Markup for innerHTML and its kin: parsed inert, mapped, serialized again when something changed. */
  fragment(value: unknown, parsable?: Parsable): unknown;
  /**
   * Markup whose sink is not known yet (what a Trusted Types policy makes): mapped as a
   * document when it starts as one, else as a fragment; the runtime is not added.
   */
  html(value: string, parsable: Parsable): string;
  /** An iframe's srcdoc: the document mapped, and the runtime at its start (a srcdoc document is same-origin with its parent). */
  srcdoc(value: unknown): unknown;
  /** Maps every attribute and `<style>` text under `root` (inert); true when one changed. */
  tree(root: ParentNode): boolean;
}

const made = new WeakMap<RuntimeContext, Markup>();

/**
 * The context's markup mapping, made once. The first hook that asks for it runs before
 * html.ts wraps `innerHTML` and DOMParser, so the parses below are the platform's own.
 */
export function markupOf(rt: RuntimeContext): Markup {
  let markup = made.get(rt);
  if (!markup) made.set(rt, (markup = createMarkup(rt)));
  return markup;
}

function createMarkup(rt: RuntimeContext): Markup {
  const { scope, config } = rt;
  // The platform's own parsers: html.ts wraps both after this runs.
  const parseFromString = scope.DOMParser?.prototype.parseFromString as DOMParser['parseFromString'] | undefined;
  const innerHTML = Object.getOwnPropertyDescriptor(scope.Element?.prototype ?? {}, 'innerHTML')?.set;
  const bases = config.domains.map((d) => d.replace(/^\*\./, '').toLowerCase());
  const mayNeed = (value: string): boolean => {
    const lower = value.toLowerCase();
    return lower.includes('srcdoc') || bases.some((b) => lower.includes(b));
  };
  const css = (value: unknown): unknown => (typeof value === 'string' ? mapCss(value, (u) => String(rt.mapped(u))) : value);
  const srcset = (value: unknown): unknown => (typeof value === 'string' ? mapSrcset(value, (u) => String(rt.mapped(u))) : value);
  let tag: string | undefined;
  const runtimeTag = (): string => {
    if (tag === undefined) {
      tag = '';
      if (ownScript && scope.document) {
        const script = scope.document.createElement('script') as HTMLScriptElement;
        script.text = ownScript.text;
        if (ownScript.nonce) script.setAttribute('nonce', ownScript.nonce);
        tag = script.outerHTML;
      }
    }
    return tag;
  };

  const attribute = (name: unknown, value: unknown): unknown => {
    const local = String(name).toLowerCase();
    if (SRCSET_ATTRIBUTES.has(local)) return srcset(value);
    // `ping` is a list of URLs separated by spaces.
    if (local === 'ping' && typeof value === 'string') return value.replace(/[^\t\n\f\r ]+/g, (u) => String(rt.mapped(u)));
    if (local === 'style') return css(value);
    if (local === 'srcdoc') return srcdoc(value);
    return rt.mapped(value);
  };
  const tree = (root: ParentNode): boolean => {
    let changed = false;
    for (const element of root.querySelectorAll('*')) {
      for (const attr of Array.from(element.attributes)) {
        const twin = attribute(attr.name, attr.value);
        if (twin !== attr.value) {
          changed = true;
          try {
            attr.value = String(twin);
          } catch {
            // Trusted Types refuse a string for this attribute (a script's src, an event
            // handler): dropped, never left naming the protected host.
            element.removeAttributeNode(attr);
          }
        }
      }
      if (element.localName === 'style') {
        const text = element.textContent;
        const twin = css(text);
        if (twin !== text) {
          element.textContent = twin as string;
          changed = true;
        }
      }
    }
    return changed;
  };
  const fragment = (value: unknown, parsable = asIs): unknown => {
    if (typeof value !== 'string' || !mayNeed(value) || !innerHTML || !scope.document) return value;
    const template = scope.document.createElement('template') as HTMLTemplateElement;
    innerHTML.call(template, parsable(value) as string);
    return tree(template.content) ? template.innerHTML : value;
  };
  // A whole document (its doctype, html and body attributes kept), parsed inert.
  const wholeDocument = (value: string, parsable: Parsable): string => {
    if (!parseFromString || !mayNeed(value)) return value;
    const parsed = parseFromString.call(new scope.DOMParser(), parsable(value) as string, 'text/html');
    return tree(parsed) ? (parsed.doctype ? new scope.XMLSerializer().serializeToString(parsed.doctype) : '') + parsed.documentElement.outerHTML : value;
  };
  const html = (value: string, parsable: Parsable): string => (DOCUMENT_START.test(value) ? wholeDocument(value, parsable) : (fragment(value, parsable) as string));
  const srcdoc = (value: unknown): unknown => {
    if (typeof value !== 'string') return value;
    const markup = wholeDocument(value, asIs);
    const script = runtimeTag();
    if (script === '' || markup.includes(script)) return markup;
    const at = LEADING_DOCTYPE.exec(markup)?.[0].length ?? 0;
    return markup.slice(0, at) + script + markup.slice(at);
  };
  return { mayNeed, css, srcset, attribute, fragment, html, srcdoc, tree };
}
