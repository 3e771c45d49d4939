import { parse, type DefaultTreeAdapterMap } from 'parse5';
import type { TextCollector } from './text-collector.js';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/**
 * The text of an HTML document as the HTML parser builds it (character references
 * decoded): its text nodes in document order, script and style text included, then its
 * hidden text, attribute values and comments, one per line. Text runs through inline
 * elements unbroken (`Quarterly <b>revenue</b>` reads `Quarterly revenue`); other
 * elements end a line. The tree is walked without recursion, so any depth is read.
 */
export function htmlText(text: string, out: TextCollector): void {
  const hidden: string[] = [];
  // Nodes to visit, last first; a string marks the end of an element that ends a line.
  const stack: (Node | typeof LINE_END)[] = [parse(text)];
  while (stack.length > 0 && !out.full) {
    const node = stack.pop()!;
    if (node === LINE_END) {
      out.separate();
      continue;
    }
    if (node.nodeName === '#text') out.write((node as DefaultTreeAdapterMap['textNode']).value);
    else if (node.nodeName === '#comment') hidden.push((node as DefaultTreeAdapterMap['commentNode']).data);
    else if ('childNodes' in node) {
      const element = 'tagName' in node ? (node as Element) : null;
      if (element !== null) {
        for (const attr of element.attrs) hidden.push(attr.value);
        if (!INLINE.has(element.tagName)) {
          out.separate();
          stack.push(LINE_END);
        }
      }
      const children = element?.tagName === 'template' ? (element as DefaultTreeAdapterMap['template']).content.childNodes : node.childNodes;
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
  }
  for (const value of hidden) {
    if (out.full) break;
    out.separate();
    out.write(value);
  }
}

const LINE_END = 'line end';

/** Phrasing elements that do not break a line of text (HTML's inline formatting). */
const INLINE = new Set(
  'a abbr b bdi bdo big cite code data del dfn em font i ins kbd label mark nobr q rp rt ruby s samp small span strike strong sub sup time tt u var'.split(' '),
);
