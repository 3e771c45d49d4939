import { SaxesParser, type SaxesTagNS } from 'saxes';
import { auditAttribute, type AttributeOwner } from './attribute-audit.js';
import { auditCss } from './css-audit.js';
import { addHits, type AuditScope, type Region } from './findings.js';
import { auditHtml } from './html-audit.js';
import { auditJs } from './js-audit.js';
import { auditJson } from './json-audit.js';
import { scriptContent } from './script-kind.js';

const XHTML_NS = 'http://www.w3.org/1999/xhtml';
const SVG_NS = 'http://www.w3.org/2000/svg';
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';
const XLINK_NS = 'http://www.w3.org/1999/xlink';
/** Markup vocabularies: their text is text. In other vocabularies (feeds, sitemaps) text may be a URL or markup. */
const MARKUP: ReadonlySet<string> = new Set([XHTML_NS, SVG_NS, MATHML_NS]);

interface Open {
  readonly tag: SaxesTagNS;
  readonly start: number;
  text: string;
  hasChildren: boolean;
}

/**
 * XML documents (XHTML, SVG, feeds, sitemaps; every `+xml`) through saxes, an XML
 * parser, since HTML parsing misreads XML (`<script/>`, CDATA). Attributes follow the
 * HTML rules (`xlink:href` under any prefix); XHTML and SVG `<script>` and `<style>` are
 * read on their decoded text (CDATA joined); `<?xml-stylesheet href?>` is a URL. In other
 * vocabularies, element text that is one absolute URL (`<link>`, `<loc>`, `<guid>`) is a
 * URL position and text holding markup (`<description>`, Atom `type="html"`) is HTML, as
 * feed readers render it. A well-formedness error is noted; parsing goes on as far as
 * saxes can.
 */
export function auditXml(source: string, region: Region, scope: AuditScope): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const open: Open[] = [];
  let errors = 0;
  const regionBefore = (end: number) => {
    const start = source.lastIndexOf('<', Math.max(0, end - 1));
    return region.sub(Math.max(0, start), end, false);
  };
  parser.on('error', () => {
    errors++;
  });
  parser.on('processinginstruction', (pi) => {
    if (pi.target !== 'xml-stylesheet') return;
    const href = pseudoAttribute(pi.body, 'href');
    if (href !== null) addHits(scope, scope.judge.urlPosition(href, scope.pageScheme), 'html-attr', 'xml-stylesheet[href]', regionBefore(parser.position));
  });
  parser.on('opentag', (tag) => {
    const end = parser.position;
    const tagRegion = regionBefore(end);
    if (open.length > 0) open[open.length - 1].hasChildren = true;
    open.push({ tag, start: end, text: '', hasChildren: false });
    const httpEquiv = Object.values(tag.attributes).find((a) => a.local === 'http-equiv')?.value.trim().toLowerCase();
    const owner: AttributeOwner = { tag: tag.local, namespace: tag.uri, httpEquiv, prefix: '', auditDocument: auditHtml };
    for (const attr of Object.values(tag.attributes)) {
      if (attr.prefix === 'xmlns' || attr.name === 'xmlns') continue;
      const name = attr.uri === XLINK_NS ? `xlink:${attr.local}` : attr.prefix ? `${attr.prefix}:${attr.local}` : attr.local;
      auditAttribute(owner, name, attr.value, tagRegion, scope);
    }
  });
  const addText = (text: string) => {
    if (open.length > 0) open[open.length - 1].text += text;
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const el = open.pop();
    if (el !== undefined) closeElement(el, region.sub(el.start, parser.position, false), scope);
  });
  parser.write(source).close();
  if (errors > 0) scope.note(`XML with ${errors} well-formedness error${errors === 1 ? '' : 's'} (read as far as saxes could)`);
}

function closeElement(el: Open, region: Region, scope: AuditScope): void {
  const { tag } = el;
  const where = tag.local;
  const isCode = tag.uri === XHTML_NS || tag.uri === SVG_NS;
  if (isCode && tag.local === 'script') {
    const content = scriptContent(Object.values(tag.attributes).find((a) => a.local === 'type' && a.prefix === '')?.value, undefined);
    if (content === 'json') auditJson(el.text, region, where, scope);
    else if (content !== 'data') auditJs(el.text, region, where, scope, content === 'module' ? 'module' : 'script');
    return;
  }
  if (isCode && tag.local === 'style') {
    auditCss(el.text, region, where, scope);
    return;
  }
  if (MARKUP.has(tag.uri) || el.hasChildren) return;
  const text = el.text.trim();
  if (text === '') return;
  const hits = scope.judge.absoluteUrlPosition(text, scope.pageScheme);
  if (hits.length > 0) addHits(scope, hits, 'xml-text', where, region);
  else if (text.includes('<')) auditHtml(text, region, { ...scope, depth: scope.depth + 1 }, `${where} `, true);
}

/** A pseudo-attribute of a processing instruction (`href="a.xsl"`), or null. */
function pseudoAttribute(body: string, name: string): string | null {
  let i = 0;
  while (i < body.length) {
    const eq = body.indexOf('=', i);
    if (eq === -1) return null;
    const key = body.slice(i, eq).trim();
    let j = eq + 1;
    while (j < body.length && body.charCodeAt(j) <= 0x20) j++;
    const quote = body[j];
    if (quote !== '"' && quote !== "'") return null;
    const close = body.indexOf(quote, j + 1);
    if (close === -1) return null;
    if (key === name) return body.slice(j + 1, close);
    i = close + 1;
  }
  return null;
}
