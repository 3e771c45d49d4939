import type { TextCollector } from './text-collector.js';
import { localName, readXml } from './xml-events.js';

/**
 * The text of a Word, PowerPoint, shared-strings or comments part: the text of its `t`
 * elements (`w:t`, `a:t`; `w:delText`, text deleted under tracked changes, is still in
 * the file and read too), a line ending at each paragraph (`w:p`, `a:p`) and shared
 * string (`si`), `w:tab` in a run as a tab, `w:br`, `w:cr`, `a:br` as line breaks.
 * Throws when the part is not well-formed XML.
 */
export function runsText(xml: string, out: TextCollector): void {
  const open: string[] = [];
  let inText = 0;
  readXml(
    xml,
    {
      open: (name) => {
        const local = localName(name);
        const parent = open[open.length - 1];
        open.push(local);
        if (TEXT.has(local)) inText++;
        else if (local === 'tab' && parent === 'r') out.write('\t');
        else if ((local === 'br' || local === 'cr') && (parent === 'r' || parent === 'p')) out.write('\n');
      },
      close: () => {
        const local = open.pop();
        if (local !== undefined && TEXT.has(local)) inText--;
        else if (local === 'p' || local === 'si' || local === 'comment') out.separate();
      },
      text: (t) => {
        if (inText > 0) out.write(t);
      },
    },
    () => out.full,
  );
  out.separate();
}

const TEXT = new Set(['t', 'delText']);

/**
 * The text of a worksheet: each cell's value (`v`) as written, except a shared string's
 * index (`t="s"`: its text is read from the shared strings), and inline strings (`is`),
 * cells separated by tabs and rows by line ends. Throws when not well-formed XML.
 */
export function cellsText(xml: string, out: TextCollector): void {
  let cellType = '';
  let inValue = false;
  let inInline = 0;
  readXml(
    xml,
    {
      open: (name, attributes) => {
        const local = localName(name);
        if (local === 'c') cellType = attributes.t ?? 'n';
        else if (local === 'v') inValue = cellType !== 's';
        else if (local === 't') inInline++;
      },
      close: (name) => {
        const local = localName(name);
        if (local === 'v') inValue = false;
        else if (local === 't') inInline--;
        else if (local === 'c') out.separate('\t');
        else if (local === 'row') out.separate('\n');
      },
      text: (t) => {
        if (inValue || inInline > 0) out.write(t);
      },
    },
    () => out.full,
  );
  out.separate();
}
