import { UnreadableFileError, type SensitivityLabel } from '../file-facts.js';
import { labelsFromMsipEntries, parseMsipKey } from './msip-properties.js';
import { parseXml, textOf, type XmlElement } from './xml-tree.js';

/**
 * Labels of a PDF: Office's PDF export writes the `MSIP_Label_<guid>_*` keys into the
 * trailer's Info dictionary, and label-aware tools also keep them in the XMP metadata
 * (as properties of an `rdf:Description`, in Adobe's `pdfx` namespace or their own).
 * Read with pdf.js, which copes with the damaged files real PDFs often are.
 */

/** A PDF header, within the first 1024 bytes as readers accept it. */
export function isPdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - 5, 1024);
  for (let i = 0; i <= end; i++) {
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46 && bytes[i + 4] === 0x2d) return true;
  }
  return false;
}

/** The labels of the Info dictionary, then those of the XMP that the Info dictionary does not name. */
export async function readPdfLabels(bytes: Uint8Array): Promise<SensitivityLabel[]> {
  const { info, xmp } = await readPdfMetadata(bytes);
  const fromInfo = labelsFromMsipEntries(infoEntries(info), 'pdf-info');
  const fromXmp = xmp === null ? [] : labelsFromMsipEntries(xmpEntries(xmp), 'pdf-xmp');
  const seen = new Set(fromInfo.map((l) => l.id));
  return [...fromInfo, ...fromXmp.filter((l) => !seen.has(l.id))];
}

async function readPdfMetadata(bytes: Uint8Array): Promise<{ info: unknown; xmp: string | null }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js may transfer (detach) the buffer it is given: it gets a copy, the caller keeps its bytes.
  const task = pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  try {
    const doc = await task.promise;
    const { info, metadata } = await doc.getMetadata();
    return { info, xmp: metadata?.getRaw() ?? null };
  } catch (err) {
    const name = (err as { name?: unknown } | null)?.name;
    if (name === 'PasswordException') throw new UnreadableFileError('encrypted', 'the PDF needs a password to open');
    throw new UnreadableFileError('corrupt', `not a readable PDF: ${(err as Error)?.message ?? String(err)}`);
  } finally {
    await task.destroy();
  }
}

/** pdf.js puts the Info keys it does not know under `Custom` (strings, numbers, booleans, names). */
function infoEntries(info: unknown): Array<readonly [string, string]> {
  const custom = (info as { Custom?: unknown } | null)?.Custom;
  if (typeof custom !== 'object' || custom === null) return [];
  return Object.entries(custom).flatMap(([key, value]) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return [[key, String(value)] as const];
    const name = (value as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? [[key, name] as const] : [];
  });
}

/**
 * The `MSIP_Label_*` properties of every `rdf:Description`, written as attributes or as
 * child elements. XMP that is not well-formed counts as absent (pdf.js ignores it too).
 */
function xmpEntries(xmp: string): Array<readonly [string, string]> {
  let root: XmlElement;
  try {
    root = parseXml(xmp);
  } catch {
    return [];
  }
  const entries: Array<readonly [string, string]> = [];
  const visit = (element: XmlElement): void => {
    if (element.uri === RDF_NS && element.local === 'Description') {
      for (const a of element.attributes) if (parseMsipKey(a.local)) entries.push([a.local, a.value]);
      for (const child of element.children) {
        if (typeof child !== 'string' && parseMsipKey(child.local)) entries.push([child.local, textOf(child)]);
      }
    }
    for (const child of element.children) if (typeof child !== 'string') visit(child);
  };
  visit(root);
  return entries;
}

const RDF_NS = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
