import type { ZipEntry } from './zip-directory.js';

/** How a part's text is read: runs of text (`w:t`, `a:t`, shared strings, comments), or a worksheet's cells. */
export type OoxmlPartReader = 'runs' | 'cells';

export interface OoxmlPart {
  readonly entry: ZipEntry;
  readonly reader: OoxmlPartReader;
}

/**
 * The parts of an OOXML package that hold its text, in reading order, or null when the
 * zip is no Word, Excel or PowerPoint document. The package's own parts say what it is
 * (`word/document.xml`, `xl/workbook.xml`, `ppt/presentation.xml`), whatever its name.
 * Parts of a kind are read in the order of the number in their names (`slide2` before
 * `slide10`): the order in `presentation.xml` may differ, which changes only where a
 * slide's text stands, not what is found.
 */
export function ooxmlTextParts(entries: readonly ZipEntry[]): OoxmlPart[] | null {
  const byName = new Map(entries.map((e) => [e.name, e]));
  const kind = KINDS.find((k) => byName.has(k.main));
  if (kind === undefined) return null;
  const parts: OoxmlPart[] = [];
  for (const [pattern, reader] of kind.parts) {
    const matching = entries.filter((e) => pattern.test(e.name)).sort((a, b) => partNumber(a.name) - partNumber(b.name));
    for (const entry of matching) parts.push({ entry, reader });
  }
  return parts;
}

const KINDS: readonly { main: string; parts: readonly [RegExp, OoxmlPartReader][] }[] = [
  {
    main: 'word/document.xml',
    parts: [
      [/^word\/document\.xml$/, 'runs'],
      [/^word\/header\d*\.xml$/, 'runs'],
      [/^word\/footer\d*\.xml$/, 'runs'],
      [/^word\/footnotes\.xml$/, 'runs'],
      [/^word\/endnotes\.xml$/, 'runs'],
      [/^word\/comments\.xml$/, 'runs'],
    ],
  },
  {
    main: 'xl/workbook.xml',
    parts: [
      [/^xl\/sharedStrings\.xml$/, 'runs'],
      [/^xl\/worksheets\/sheet\d*\.xml$/, 'cells'],
      [/^xl\/comments\d*\.xml$/, 'runs'],
    ],
  },
  {
    main: 'ppt/presentation.xml',
    parts: [
      [/^ppt\/slides\/slide\d*\.xml$/, 'runs'],
      [/^ppt\/notesSlides\/notesSlide\d*\.xml$/, 'runs'],
    ],
  },
];

function partNumber(name: string): number {
  const digits = /(\d*)\.xml$/.exec(name)?.[1] ?? '';
  return digits === '' ? 0 : Number(digits);
}
