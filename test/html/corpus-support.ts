import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { getDomain } from 'tldts';

/** The shared corpus of real pages, beside the repository. */
export const corpusHtmlDir = fileURLToPath(new URL('../../../shared/corpus/html/', import.meta.url));
export const corpusExists = existsSync(corpusHtmlDir);

/** Every `.html` page under the corpus, sorted. */
export function corpusPages(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.html')) out.push(p);
    }
  };
  if (corpusExists) walk(corpusHtmlDir);
  return out;
}

export function readPage(path: string): Buffer {
  return readFileSync(path);
}

/** The registrable domain of the page's most frequent absolute-URL host: what the test protects. */
export function protectedDomainFor(text: string): string | null {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/(?:https?:)?\/\/([a-z0-9.-]+\.[a-z]{2,})(?=[/"' :?#)])/gi)) {
    const d = getDomain((m[1] as string).toLowerCase(), { allowPrivateDomains: true });
    if (d) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best: string | null = null;
  let n = 0;
  for (const [d, c] of counts) if (c > n) { best = d; n = c; }
  return best;
}

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** Element names in document order, and every attribute of every element. */
export function elements(html: string): { names: string[]; attrs: { tag: string; name: string; value: string }[] } {
  const doc = parse(html);
  const names: string[] = [];
  const attrs: { tag: string; name: string; value: string }[] = [];
  const walk = (n: Node) => {
    if ('tagName' in n) {
      const el = n as Element;
      names.push(el.tagName);
      for (const a of el.attrs) attrs.push({ tag: el.tagName, name: a.prefix ? `${a.prefix}:${a.name}` : a.name, value: a.value });
      const content = (el as unknown as { content?: Node }).content;
      if (content) walk(content);
    }
    if ('childNodes' in n) for (const c of (n as Element).childNodes) walk(c);
  };
  walk(doc as unknown as Node);
  return { names, attrs };
}
