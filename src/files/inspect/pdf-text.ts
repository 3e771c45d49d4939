import type { TextCollector } from './text-collector.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let pdfjs: Promise<PdfJs> | null = null;

/**
 * pdf.js, loaded on the first PDF: its legacy build is the one meant for Node, and a
 * dynamic import keeps this ESM-only package away from CommonJS users who never read a
 * PDF. In Node it runs its worker in-process (a "fake worker" imported beside it), so
 * no worker path is configured.
 */
function loadPdfJs(): Promise<PdfJs> {
  return (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));
}

/**
 * The text of a PDF, page after page: each text item's string, a line end where pdf.js
 * sees one (`hasEOL`) and after each page; reading stops once the text is full. A PDF
 * that needs a password is `encrypted` (one encrypted only against changes, with an
 * empty user password, opens and is read); any other failure is `corrupt`, with the
 * text of the pages read before it. pdf.js runs without eval, system fonts or font
 * faces, and with its console messages off.
 */
export async function pdfText(bytes: Uint8Array, out: TextCollector): Promise<void> {
  const { getDocument, VerbosityLevel } = await loadPdfJs();
  let task: ReturnType<typeof getDocument> | null = null;
  try {
    task = getDocument({
      // A copy, as a plain Uint8Array: pdf.js refuses a Buffer (archive entries are
      // Buffers) and may transfer the memory it is given, and the caller's bytes must stay.
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: VerbosityLevel.ERRORS,
    });
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages && !out.full; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      for (const item of content.items) {
        if (!('str' in item)) continue;
        out.write(item.str);
        if (item.hasEOL) out.separate();
      }
      out.separate();
      page.cleanup();
    }
  } catch (err) {
    out.fail((err as { name?: string } | null)?.name === 'PasswordException' ? 'encrypted' : 'corrupt');
  } finally {
    await task?.destroy();
  }
}
