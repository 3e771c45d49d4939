import { parse, type AtRule, type ChildNode, type Declaration } from 'postcss';
import { cssUrls } from './css-urls.js';
import { addHits, type AuditScope, type Region } from './findings.js';

/**
 * CSS (a sheet, a `<style>`, a `style` attribute's declarations): postcss parses the
 * structure, and the source text of each declaration and at-rule prelude is read for
 * its URL positions (`url()`, `@import`, `image-set()`, `src()`, escapes decoded), each
 * judged as a URL position. Text in `content: "…"` and other strings is not a URL.
 * postcss refuses some CSS a browser reads (an unclosed block); then the whole text is
 * read by the same URL tokenizer, and noted.
 */
export function auditCss(source: string, region: Region, where: string, scope: AuditScope): void {
  let nodes: ChildNode[];
  try {
    nodes = parse(source).nodes;
  } catch {
    scope.note(`${where}: CSS that postcss does not parse, read by the URL tokenizer alone`);
    scanUrls(source, 0, source.length, region, where, scope);
    return;
  }
  const stack: ChildNode[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop() as ChildNode;
    const start = node.source?.start?.offset;
    const end = node.source?.end?.offset;
    if (node.type === 'decl') {
      if (start !== undefined) scanUrls(source, start, end ?? source.length, region, where, scope);
      else scanText((node as Declaration).value, false, region, where, scope);
    } else if (node.type === 'atrule') {
      const rule = node as AtRule;
      const params = (rule.raws.params as { raw?: string } | undefined)?.raw ?? rule.params;
      const isImport = rule.name.toLowerCase() === 'import';
      if (start !== undefined) {
        const preludeEnd = start + 1 + rule.name.length + (rule.raws.afterName ?? '').length + params.length;
        scanUrls(source, start, Math.min(preludeEnd, end ?? source.length), region, where, scope);
      } else {
        scanText(params, isImport, region, where, scope);
      }
      if (rule.nodes) for (let i = rule.nodes.length - 1; i >= 0; i--) stack.push(rule.nodes[i]);
    } else if (node.type === 'rule') {
      for (let i = node.nodes.length - 1; i >= 0; i--) stack.push(node.nodes[i]);
    }
  }
}

/** The URLs of `source[from, to)`, placed in the body. An `@import` prelude holds its at-keyword, which the tokenizer reads. */
function scanUrls(source: string, from: number, to: number, region: Region, where: string, scope: AuditScope): void {
  const text = source.slice(from, to);
  for (const url of cssUrls(text)) {
    addHits(scope, scope.judge.urlPosition(url.value, scope.pageScheme), 'css-url', where, region.sub(from + url.start, from + url.end, false));
  }
}

/** A value without a place in the source (postcss gave none): judged, placed at the region. */
function scanText(text: string, isImport: boolean, region: Region, where: string, scope: AuditScope): void {
  for (const url of cssUrls(text, isImport)) {
    addHits(scope, scope.judge.urlPosition(url.value, scope.pageScheme).map((hit) => ({ ...hit, offset: -1 })), 'css-url', where, region);
  }
}
