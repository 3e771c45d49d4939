/**
 * A file name made safe to show, log and save under: no directory part (whatever comes
 * after the last `/` or `\`, tc2231 `attabspath`, `attabspathwin`), no control
 * characters (tab, CR and LF become spaces, as Chromium's DecodeFilenameValue turns
 * whitespace into spaces; the other C0 and C1 controls and DEL go), and no leading or
 * trailing whitespace or dots (Chromium's SanitizeGeneratedFileName trims the dots:
 * `.htaccess` is saved as `htaccess`, `report.docx.` as `report.docx`). '' when nothing
 * is left, or only `..`-like dots were there.
 */
export function cleanFileName(name: string): string {
  let text = '';
  for (const ch of name) {
    const c = ch.codePointAt(0) as number;
    if (c === 0x09 || c === 0x0a || c === 0x0d) text += ' ';
    else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) continue;
    else text += ch;
  }
  const separator = Math.max(text.lastIndexOf('/'), text.lastIndexOf('\\'));
  return trimSpacesAndDots(text.slice(separator + 1));
}

function isTrimmed(ch: string): boolean {
  return ch === '.' || ch.trim() === '';
}

function trimSpacesAndDots(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isTrimmed(text[start] as string)) start++;
  while (end > start && isTrimmed(text[end - 1] as string)) end--;
  return text.slice(start, end);
}
