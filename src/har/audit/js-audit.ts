import { parse, tokenizer, tokTypes, type Node, type Options, type TemplateLiteral } from 'acorn';
import { addHits, checkCodeString, scanTextUrls, type AuditScope, type Region } from './findings.js';

/** How a script is parsed: a classic script, a module, or whichever parses (a body of unknown use). */
export type ScriptGoal = 'script' | 'module' | 'auto';

const OPTIONS: Omit<Options, 'sourceType'> = {
  ecmaVersion: 'latest',
  allowHashBang: true,
  allowReturnOutsideFunction: true, // event handler attributes are function bodies
  allowAwaitOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowReserved: true,
  allowSuperOutsideMethod: true,
};

/**
 * JavaScript: every string literal and template chunk whose value holds a URL with a
 * protected host (acorn's full parse, values as the engine decodes them). A template's
 * chunks are also judged joined, each substitution standing for an unknown label, so
 * `` `https://${tenant}.example.com/` `` counts. Regular expressions and code outside
 * literals never do (DESIGN.md rule 3). A script acorn cannot parse is read by acorn's
 * tokenizer as far as it goes and by a text scan after that, and noted.
 */
export function auditJs(source: string, region: Region, where: string, scope: AuditScope, goal: ScriptGoal = 'auto', noteFailure = true): void {
  const program = parseProgram(source, goal);
  if (program !== null) {
    walk(program, (node) => visit(node, region, where, scope));
    return;
  }
  if (noteFailure) scope.note(`${where}: JavaScript that acorn does not parse, read by its tokenizer and a text scan`);
  const stoppedAt = tokenScan(source, region, where, scope, goal === 'module' ? 'module' : 'script');
  if (stoppedAt < source.length) textScan(source.slice(stoppedAt), region, where, scope, stoppedAt);
}

function parseProgram(source: string, goal: ScriptGoal): Node | null {
  const goals: ('script' | 'module')[] = goal === 'auto' ? ['script', 'module'] : [goal];
  for (const sourceType of goals) {
    try {
      return parse(source, { ...OPTIONS, sourceType });
    } catch {
      // the next goal, or the tokenizer
    }
  }
  return null;
}

function visit(node: Node, region: Region, where: string, scope: AuditScope): void {
  if (node.type === 'Literal') {
    const value = (node as Node & { value?: unknown }).value;
    if (typeof value === 'string') checkCodeString(scope, value, 'js-string', where, region, node.start, node.end);
  } else if (node.type === 'TemplateLiteral') {
    checkTemplate(node as TemplateLiteral, region, where, scope);
  }
}

/** Stands for a substitution that completes a host: one unknown label, shown as `${…}` in reports. */
const PART = 'spr-template-part';

function checkTemplate(node: TemplateLiteral, region: Region, where: string, scope: AuditScope): void {
  const chunks = node.quasis.map((q) => q.value.cooked ?? q.value.raw);
  chunks.forEach((chunk, i) => checkCodeString(scope, chunk, 'js-string', where, region, node.quasis[i].start, node.quasis[i].end));
  if (chunks.length < 2) return;
  // The host the browser fetches may be completed by a substitution: each stands for one
  // unknown label, or for nothing glued to the next one; before `//` for a scheme.
  // Hosts a chunk names by itself are reported with that chunk, not again.
  const inChunks = new Set(chunks.flatMap((chunk) => scope.judge.inText(chunk).map((h) => h.host)));
  const own = region.sub(node.start, node.end, true);
  for (const label of [PART, '']) {
    const joined = chunks.reduce((text, chunk, i) => (i === 0 ? chunk : text + (chunk.startsWith('//') ? 'https:' : label) + chunk), '');
    const hits = [...scope.judge.inText(joined), ...scope.judge.wholeString(joined, scope.pageScheme)].filter((h) => !inChunks.has(h.host));
    addHits(scope, hits.map((h) => ({ ...h, host: h.host.replaceAll(PART, '${…}'), url: h.url.replaceAll(PART, '${…}') })), 'js-string', where, own);
  }
}

/** Every node of the tree, depth first, without recursion (bundles nest deeply). */
function walk(root: Node, fn: (node: Node) => void): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
      continue;
    }
    if (item === null || typeof item !== 'object' || typeof (item as { type?: unknown }).type !== 'string') continue;
    const node = item as Node;
    fn(node);
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'loc' && key !== 'regex' && child !== null && typeof child === 'object') stack.push(child);
    }
  }
}

/** String and template tokens until the tokenizer gives up; returns where it stopped. */
function tokenScan(source: string, region: Region, where: string, scope: AuditScope, sourceType: 'script' | 'module'): number {
  let position = 0;
  try {
    for (const token of tokenizer(source, { ...OPTIONS, sourceType })) {
      position = token.end;
      const value = (token as unknown as { value?: unknown }).value;
      if ((token.type === tokTypes.string || token.type === tokTypes.template) && typeof value === 'string') {
        checkCodeString(scope, value, 'js-string', where, region, token.start, token.end);
      }
    }
    return source.length;
  } catch {
    return position;
  }
}

/** The raw text, its escaped slashes (`\/`, `\u002F`, `\x2F`) read as slashes; each URL its own place. */
function textScan(text: string, region: Region, where: string, scope: AuditScope, base: number): void {
  scanTextUrls(scope, text.replace(/\\(?:\/|u002[fF]|x2[fF])/g, '/'), 'js-string', where, region, base);
}
