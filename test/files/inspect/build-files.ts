import { strToU8, zipSync, type Zippable } from 'fflate';
import type { FormatClues } from '../../../src/files/inspect/index.js';

/** Files made in the tests: OOXML packages, PDFs and zips written by hand from their specifications. */

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The clues of a file by name (the extension from the name), with a declared and a sniffed type when given. */
export function clues(name: string, declaredType: string | null = null, sniffedType: string | null = null): FormatClues {
  const dot = name.lastIndexOf('.');
  return { name, extension: dot > 0 ? name.slice(dot + 1).toLowerCase() : '', declaredType, sniffedType };
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const P = 'http://schemas.openxmlformats.org/presentationml/2006/main';
const S = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

const wordParagraphs = (paragraphs: string[]) => paragraphs.map((p) => `<w:p><w:r><w:t xml:space="preserve">${p}</w:t></w:r></w:p>`).join('');

/** A Word package: the body paragraphs (XML-escaped already), and more parts by name. */
export function docx(body: string, parts: Record<string, string> = {}): Uint8Array {
  const files: Zippable = {
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="${W}"><w:body>${body}</w:body></w:document>`),
  };
  for (const [name, xml] of Object.entries(parts)) files[name] = strToU8(xml);
  return zipSync(files);
}

export const wordPart = (root: string, paragraphs: string[]): string => `<?xml version="1.0"?><w:${root} xmlns:w="${W}">${wordParagraphs(paragraphs)}</w:${root}>`;
export const docxOf = (...paragraphs: string[]): Uint8Array => docx(wordParagraphs(paragraphs));

/** An Excel package: shared strings, and sheets of rows of cells (`{ s: index }`, `{ n: number }`, `{ inline: text }`). */
export type Cell = { s: number } | { n: string } | { inline: string };
export function xlsx(shared: string[], sheets: Cell[][][]): Uint8Array {
  const cell = (c: Cell) =>
    's' in c ? `<c t="s"><v>${c.s}</v></c>` : 'n' in c ? `<c><v>${c.n}</v></c>` : `<c t="inlineStr"><is><t>${c.inline}</t></is></c>`;
  const files: Zippable = {
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'xl/workbook.xml': strToU8(`<workbook xmlns="${S}"><sheets/></workbook>`),
    'xl/sharedStrings.xml': strToU8(`<sst xmlns="${S}">${shared.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`),
  };
  sheets.forEach((rows, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(`<worksheet xmlns="${S}"><sheetData>${rows.map((r) => `<row>${r.map(cell).join('')}</row>`).join('')}</sheetData></worksheet>`);
  });
  return zipSync(files);
}

/** A PowerPoint package: slides of paragraphs, and notes. */
export function pptx(slides: string[][], notes: string[][] = []): Uint8Array {
  const shape = (paragraphs: string[]) =>
    `<p:sp><p:txBody>${paragraphs.map((t) => `<a:p><a:r><a:t>${t}</a:t></a:r></a:p>`).join('')}</p:txBody></p:sp>`;
  const files: Zippable = {
    '[Content_Types].xml': strToU8('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    'ppt/presentation.xml': strToU8(`<p:presentation xmlns:p="${P}"/>`),
  };
  slides.forEach((s, i) => (files[`ppt/slides/slide${i + 1}.xml`] = strToU8(`<p:sld xmlns:p="${P}" xmlns:a="${A}"><p:cSld><p:spTree>${shape(s)}</p:spTree></p:cSld></p:sld>`)));
  notes.forEach((s, i) => (files[`ppt/notesSlides/notesSlide${i + 1}.xml`] = strToU8(`<p:notes xmlns:p="${P}" xmlns:a="${A}"><p:cSld><p:spTree>${shape(s)}</p:spTree></p:cSld></p:notes>`)));
  return zipSync(files);
}

/**
 * A PDF (ISO 32000-1 §7.5: header, objects, xref table, trailer) whose pages show lines
 * of text in Helvetica, one `Tj` per line and `T*` between lines. `encrypt`: a Standard
 * security handler (§7.6.3, R 2) whose user password is not empty, so it cannot be opened
 * without one. `badXref`: a wrong `startxref`, which readers recover from by scanning.
 */
export function pdf(pages: string[][], options: { encrypt?: boolean; badXref?: boolean } = {}): Uint8Array {
  const objects: string[] = [];
  const add = (s: string) => objects.push(s);
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add('');
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  const kids: number[] = [];
  for (const lines of pages) {
    const content = `BT /F1 12 Tf 72 720 Td 14 TL ${lines.map((l) => `(${l}) Tj T*`).join(' ')} ET`;
    add(`<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    kids.push(add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${objects.length} 0 R >>`));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${kids.length} >>`;
  let encrypt = '';
  if (options.encrypt) {
    const hex32 = (c: string) => `<${c.repeat(64)}>`;
    encrypt = ` /Encrypt ${add(`<< /Filter /Standard /V 1 /R 2 /Length 40 /P -4 /O ${hex32('a')} /U ${hex32('b')} >>`)} 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]`;
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${encrypt} >>\nstartxref\n${options.badXref ? xref + 7 : xref}\n%%EOF\n`;
  return new TextEncoder().encode(out);
}

/** A zip of the entries, deflated (fflate). */
export const zip = (entries: Record<string, Uint8Array | string>): Uint8Array =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([name, v]) => [name, typeof v === 'string' ? strToU8(v) : v])));

/** A zip of the entries, stored (not compressed). */
export const storedZip = (entries: Record<string, Uint8Array | string>): Uint8Array =>
  zipSync(Object.fromEntries(Object.entries(entries).map(([name, v]) => [name, [typeof v === 'string' ? strToU8(v) : v, { level: 0 }]])));

/**
 * Rewrites a field of the `index`th entry's central directory header and local header
 * (APPNOTE 4.3.7, 4.3.12): `flags` (offset 8 / 6), `crc` (16 / 14), `size`, the
 * uncompressed size (24 / 22). The zip then lies, as a crafted one does.
 */
export function patchZip(bytes: Uint8Array, index: number, field: 'flags' | 'crc' | 'size', value: number): Uint8Array {
  const out = bytes.slice();
  const view = new DataView(out.buffer);
  let end = out.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  let at = view.getUint32(end + 16, true);
  for (let i = 0; i < index; i++) at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  const local = view.getUint32(at + 42, true);
  const [central, localOffset, width] = { flags: [8, 6, 2], crc: [16, 14, 4], size: [24, 22, 4] }[field];
  for (const offset of [at + central, local + localOffset]) {
    if (width === 2) view.setUint16(offset, value, true);
    else view.setUint32(offset, value, true);
  }
  return out;
}
