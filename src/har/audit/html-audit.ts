import { parse, parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { auditAttribute, type AttributeOwner } from './attribute-audit.js';
import { auditCss } from './css-audit.js';
import { scanTextUrls, type AuditScope, type Region } from './findings.js';
import { auditJs } from './js-audit.js';
import { auditJson } from './json-audit.js';
import { scriptContent } from './script-kind.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];
type TextNode = DefaultTreeAdapterMap['textNode'];

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const SVG_NS = 'http://www.w3.org/2000/svg';
/** Documents in documents (`srcdoc`, `<noscript>`) deeper than this are only scanned as text. */
const MAX_DEPTH = 8;

/**
 * HTML: the whole tree as parse5 builds it (the HTML standard's parser), every attribute
 * by its decoded value: URL attributes of HTML, SVG and MathML (`srcset` candidates,
 * `ping` lists, `javascript:` URLs as script), `style` (CSS), `on*` (JS), `srcdoc` (HTML,
 * recursively), `<meta http-equiv>` refresh, CSP and link, SVG `url(…)` references, and any
 * other attribute whose whole value is an absolute URL or JSON; `<script>` by its type (JS,
 * or JSON for import maps, speculation rules and JSON data blocks), `<style>`, `<template>`
 * contents, and `<noscript>` markup. Text, comments, `<title>` and `<textarea>` hold no
 * URL positions (DESIGN.md rule 4).
 */
export function auditHtml(source: string, region: Region, scope: AuditScope, prefix = '', fragment = false): void {
  if (scope.depth > MAX_DEPTH) {
    scope.note(`${prefix.trim()}: documents nested more than ${MAX_DEPTH} deep, scanned as text`);
    scanTextUrls(scope, source, 'html-attr', prefix.trim(), region);
    return;
  }
  const root = fragment ? parseFragment(source, { sourceCodeLocationInfo: true }) : parse(source, { sourceCodeLocationInfo: true });
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Node;
    if (!('childNodes' in node)) continue;
    let children: Node[] = node.childNodes;
    if ('tagName' in node) {
      if (auditElement(node, source, region, scope, prefix)) continue;
      if (node.tagName === 'template' && 'content' in node) children = (node as Element & { content: { childNodes: Node[] } }).content.childNodes;
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
}

/** Audits an element's attributes, and its text when that is code; true when its children are done. */
function auditElement(el: Element, source: string, region: Region, scope: AuditScope, prefix: string): boolean {
  const tag = el.tagName;
  const location = el.sourceCodeLocation;
  const httpEquiv = el.attrs.find((a) => a.name === 'http-equiv')?.value.trim().toLowerCase();
  const owner: AttributeOwner = { tag, namespace: el.namespaceURI, httpEquiv, prefix, auditDocument: auditHtml };
  for (const attr of el.attrs) {
    const name = attr.prefix ? `${attr.prefix}:${attr.name}` : attr.name;
    const at = location?.attrs?.[name] ?? location?.attrs?.[attr.name] ?? location?.startTag ?? location;
    const attrRegion = at ? region.sub(at.startOffset, at.endOffset, false) : region;
    auditAttribute(owner, name, attr.value, attrRegion, scope);
  }
  const isHtml = el.namespaceURI === HTML_NS;
  if (tag === 'script' && (isHtml || el.namespaceURI === SVG_NS)) {
    const attr = (n: string) => el.attrs.find((a) => a.name === n && !a.prefix)?.value;
    const content = scriptContent(attr('type'), attr('language'));
    const text = textOf(el, region, isHtml);
    if (text === null || content === 'data') return true;
    if (content === 'json') auditJson(text.value, text.region, `${prefix}script`, scope);
    else auditJs(text.value, text.region, `${prefix}script`, scope, content === 'module' ? 'module' : 'script');
    return true;
  }
  if (tag === 'style' && (isHtml || el.namespaceURI === SVG_NS)) {
    const text = textOf(el, region, isHtml);
    if (text !== null) auditCss(text.value, text.region, `${prefix}style`, scope);
    return true;
  }
  if (tag === 'noscript' && isHtml && el.childNodes.length > 0 && el.childNodes.every((c) => c.nodeName === '#text')) {
    // Parsed with scripting on, its content is text; with scripting off it is markup the browser shows and fetches.
    const text = textOf(el, region, true);
    if (text !== null) auditHtml(text.value, text.region, { ...scope, depth: scope.depth + 1 }, `${prefix}noscript `, true);
    return true;
  }
  return false;
}

/**
 * An element's text (a script, a style): the concatenation of its text children, placed
 * verbatim when the markup holds it raw (HTML `<script>`/`<style>`: no references).
 */
function textOf(el: Element, region: Region, raw: boolean): { value: string; region: Region } | null {
  const texts = el.childNodes.filter((c): c is TextNode => c.nodeName === '#text');
  if (texts.length === 0) return null;
  const value = texts.map((t) => t.value).join('');
  const first = texts[0].sourceCodeLocation;
  const last = texts[texts.length - 1].sourceCodeLocation;
  if (!first || !last) return { value, region };
  return { value, region: region.sub(first.startOffset, last.endOffset, raw && texts.length === 1) };
}
