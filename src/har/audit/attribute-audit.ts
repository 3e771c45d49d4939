import { auditCss } from './css-audit.js';
import { cssUrls } from './css-urls.js';
import { addHits, type AuditScope, type Region } from './findings.js';
import { cspHits } from './header-values.js';
import { isSvgReferenceAttribute, urlAttributeShape } from './html-url-attributes.js';
import { auditJs } from './js-audit.js';
import { auditJson } from './json-audit.js';
import { linkUrls } from './link-urls.js';
import { percentDecode } from './percent-decode.js';
import { refreshUrl } from './refresh.js';
import { spaceSeparated, srcsetUrls } from './srcset.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The element an attribute is on, as far as its rules care. */
export interface AttributeOwner {
  /** Local name, as the parser gives it (`a`, `meta`, `feImage`). */
  readonly tag: string;
  readonly namespace: string;
  /** `http-equiv` of a `<meta>`, lower case. */
  readonly httpEquiv?: string;
  /** `where` of the document the element is in (`iframe[srcdoc] `), empty at the top. */
  readonly prefix: string;
  /** Audits a document held in an attribute (`srcdoc`): the HTML auditor, passed in so the two files need not import each other. */
  readonly auditDocument: (source: string, region: Region, scope: AuditScope, prefix: string) => void;
}

/**
 * One attribute of HTML, SVG or MathML (also of an XML document) by its decoded value:
 * URL attributes (one URL, a list, `srcset`; a `javascript:` URL is script), `style`
 * (CSS), `on*` (JS), `srcdoc` (HTML), `<meta http-equiv>` refresh, CSP and link, SVG
 * `url(…)` references, and any other attribute whose whole value is an absolute URL or
 * JSON (DESIGN.md rule 4).
 */
export function auditAttribute(owner: AttributeOwner, name: string, value: string, region: Region, scope: AuditScope): void {
  const { judge, pageScheme } = scope;
  const where = `${owner.prefix}${owner.tag}[${name}]`;
  // Lazy loaders copy `data-srcset` (and `data-lazy-srcset`, …) into `srcset`: candidates, like it.
  // AngularJS sets `href` and `src` from `ng-href` and `ng-src` once their `{{ }}` are filled.
  const shape = urlAttributeShape(name) ?? (name.endsWith('srcset') ? 'srcset' : name === 'ng-href' || name === 'ng-src' ? 'url' : undefined);
  if (shape === 'url') {
    urlValue(value, region, where, scope);
  } else if (shape === 'url-list') {
    for (const url of spaceSeparated(value)) urlValue(url, region, where, scope);
  } else if (shape === 'srcset') {
    for (const url of srcsetUrls(value)) urlValue(url, region, where, scope);
  } else if (name === 'style') {
    auditCss(value, region, where, scope);
  } else if (name.startsWith('on')) {
    auditJs(value, region, where, scope, 'script');
  } else if (isFrameworkCode(name)) {
    // Expressions, statements or binding lists: acorn reads what parses, its tokenizer the rest; no note.
    auditJs(value, region, where, scope, 'script', false);
  } else if (name === 'srcdoc') {
    owner.auditDocument(value, region, { ...scope, depth: scope.depth + 1 }, `${where} `);
  } else if (owner.tag === 'meta' && name === 'content' && owner.httpEquiv !== undefined && isUrlMeta(owner.httpEquiv)) {
    metaValue(owner.httpEquiv, value, region, where, scope);
  } else if (owner.namespace === SVG_NS && isSvgReferenceAttribute(name)) {
    for (const url of cssUrls(value)) addHits(scope, judge.urlPosition(url.value, pageScheme), 'html-attr', where, region);
  } else {
    const hits = judge.absoluteUrlPosition(value, pageScheme);
    if (hits.length > 0) addHits(scope, hits, 'html-attr', where, region);
    else if (startsJson(value)) auditJson(value, region, where, scope);
  }
}

/** One URL of a URL attribute: a `javascript:` URL is script, anything else a URL position. */
function urlValue(value: string, region: Region, where: string, scope: AuditScope): void {
  const script = javascriptSource(value);
  if (script !== null) auditJs(script, region, where, scope, 'script');
  else addHits(scope, scope.judge.urlPosition(value, scope.pageScheme), 'html-attr', where, region);
}

const URL_META: ReadonlySet<string> = new Set(['refresh', 'content-security-policy', 'content-security-policy-report-only', 'link']);

/** Whether `<meta http-equiv>` of this name holds URLs in `content`. */
function isUrlMeta(httpEquiv: string): boolean {
  return URL_META.has(httpEquiv);
}

/** `<meta http-equiv>` refresh, CSP and link, read as their headers are. */
function metaValue(httpEquiv: string, value: string, region: Region, where: string, scope: AuditScope): void {
  const { judge, pageScheme } = scope;
  if (httpEquiv === 'refresh') {
    const url = refreshUrl(value);
    if (url !== null) addHits(scope, judge.urlPosition(url, pageScheme), 'html-attr', where, region);
  } else if (httpEquiv === 'link') {
    for (const url of linkUrls(value)) addHits(scope, judge.urlPosition(url, pageScheme), 'html-attr', where, region);
  } else {
    addHits(scope, cspHits(value, judge, pageScheme), 'html-attr', where, region);
  }
}

/** The script a `javascript:` URL runs (the URL's text after the scheme, percent-decoded), or null. */
function javascriptSource(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  return url.protocol === 'javascript:' ? percentDecode(url.href.slice('javascript:'.length)) : null;
}

/**
 * Attributes that front-end frameworks evaluate as code: Vue (`v-bind:x`, `:x`, `v-on:x`,
 * `@x`, every `v-`), Alpine (`x-data`, `x-init`, `x-bind:x`, `x-on:x`, …), AngularJS
 * (`ng-*`), Knockout (`data-bind`), htmx (`hx-on*`, `hx-vals`, `hx-vars`, `hx-headers`).
 */
function isFrameworkCode(name: string): boolean {
  return name.startsWith(':') || name.startsWith('@') || name.startsWith('v-') || name.startsWith('x-') || name.startsWith('ng-')
    || name === 'data-bind' || name.startsWith('hx-on') || name === 'hx-vals' || name === 'hx-vars' || name === 'hx-headers';
}

function startsJson(value: string): boolean {
  const t = value.trimStart();
  return t.startsWith('{') || t.startsWith('[');
}
