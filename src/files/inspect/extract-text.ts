import type { ExtractedText, FileLimits } from '../file-facts.js';
import { decodeText } from './decode-text.js';
import { ExpansionBudget } from './expansion-budget.js';
import { htmlText } from './html-text.js';
import type { Inspection } from './inspection.js';
import { jsonText } from './json-text.js';
import { oleText } from './ole-text.js';
import { pdfText } from './pdf-text.js';
import { TextCollector } from './text-collector.js';
import { textFormatOf, type FormatClues } from './text-format.js';
import { xmlText } from './xml-text.js';
import { zipText } from './zip-text.js';

/**
 * The text of a file for content inspection, at most `limits.inspectChars` characters,
 * and why it is not all of the file's text when it is not. Never throws: a file larger
 * than `limits.inspectBytes` gives no text (`too-large`); an unreadable one gives the
 * text read before the failure (`encrypted`, `corrupt`); archives expand within
 * `archiveExpandedBytes` and `archiveDepth` (`too-large` past them).
 */
export async function extractText(bytes: Uint8Array, file: FormatClues, limits: FileLimits): Promise<ExtractedText> {
  if (bytes.length > limits.inspectBytes) return { text: '', cannotInspect: 'too-large' };
  const inspection: Inspection = { limits, out: new TextCollector(limits.inspectChars), budget: new ExpansionBudget(limits.archiveExpandedBytes) };
  try {
    await inspectInto(inspection, bytes, file, 0);
  } catch {
    inspection.out.fail('corrupt');
  }
  return inspection.out.result();
}

/**
 * Reads one file into the inspection by its format: the file itself at depth 0, an
 * archive entry at its archive's depth + 1. An archive (an OOXML package too) is opened
 * up to depth `archiveDepth`: the file's own zip always, a zip in it at depth 1.
 */
async function inspectInto(inspection: Inspection, bytes: Uint8Array, clues: FormatClues, depth: number): Promise<void> {
  const { out, limits } = inspection;
  switch (textFormatOf(clues, bytes)) {
    case 'text':
      return out.write(decodeText(bytes, limits.inspectChars));
    case 'json':
      return jsonText(decodeText(bytes), out);
    case 'html':
      return htmlText(decodeText(bytes), out);
    case 'xml':
      return xmlText(decodeText(bytes), out, limits.inspectChars);
    case 'pdf':
      return pdfText(bytes, out);
    case 'zip':
      if (depth > limits.archiveDepth) return out.fail('too-large');
      return zipText(bytes, inspection, depth, (entry, entryClues, entryDepth) => inspectInto(inspection, entry, entryClues, entryDepth));
    case 'ole':
      return oleText(bytes, clues, out);
    case 'binary':
      return;
  }
}
