/**
 * The name a URL gives a file: its last non-empty path segment, percent-decoded as UTF-8
 * (a segment that does not decode, `50%.pdf` or `%FF.pdf`, stays as written). Null for
 * a URL that does not parse, has an opaque path (`data:`, `mailto:`; Chromium's
 * GetFileNameFromURL gives `data:` URLs no name either) or no non-empty segment.
 */
export function urlFileName(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.pathname.startsWith('/')) return null; // opaque path
  const segment = parsed.pathname.split('/').filter((s) => s !== '').pop();
  if (segment === undefined) return null;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
