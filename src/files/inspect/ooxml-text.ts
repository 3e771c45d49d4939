import { decodeText } from './decode-text.js';
import type { Inspection } from './inspection.js';
import { cellsText, runsText } from './ooxml-part-text.js';
import type { OoxmlPart } from './ooxml-parts.js';
import { zipEntryOrFail } from './zip-entry.js';

/** The text of a Word, Excel or PowerPoint document, part after part; a part that is not well-formed XML makes the document corrupt. */
export function ooxmlText(bytes: Uint8Array, parts: readonly OoxmlPart[], inspection: Inspection): void {
  const { out } = inspection;
  for (const part of parts) {
    if (out.full) return;
    const content = zipEntryOrFail(bytes, part.entry, inspection);
    if (content === null) continue;
    out.separate();
    try {
      (part.reader === 'cells' ? cellsText : runsText)(decodeText(content), out);
    } catch {
      out.fail('corrupt');
    }
  }
}
