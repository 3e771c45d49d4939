import type { Inspection, InspectInto } from './inspection.js';
import type { FormatClues } from './text-format.js';
import { ooxmlText } from './ooxml-text.js';
import { ooxmlTextParts } from './ooxml-parts.js';
import { readZipDirectory, type ZipEntry } from './zip-directory.js';
import { zipEntryOrFail } from './zip-entry.js';

/**
 * The text of a zip: an OOXML document's text parts, or else each entry's text read by
 * its own name and bytes (`inspect`, at one more depth; nested archives are opened up to
 * the depth limit), one after the other. An entry that cannot be read (encrypted,
 * corrupt, past the budget) marks the text incomplete, and the other entries are still read.
 */
export async function zipText(bytes: Uint8Array, inspection: Inspection, depth: number, inspect: InspectInto): Promise<void> {
  const { out } = inspection;
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch {
    out.fail('corrupt');
    return;
  }
  const parts = ooxmlTextParts(entries);
  if (parts !== null) {
    ooxmlText(bytes, parts, inspection);
    return;
  }
  for (const entry of entries) {
    if (out.full) return;
    if (entry.name.endsWith('/')) continue;
    const content = zipEntryOrFail(bytes, entry, inspection);
    if (content === null) continue;
    out.separate();
    try {
      await inspect(content, cluesOfEntry(entry.name), depth + 1);
    } catch {
      out.fail('corrupt');
    }
  }
}

/** An entry is known by its name alone: archives declare no types. */
function cluesOfEntry(path: string): FormatClues {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return { name, extension: dot > 0 ? name.slice(dot + 1).toLowerCase() : '', declaredType: null, sniffedType: null };
}
