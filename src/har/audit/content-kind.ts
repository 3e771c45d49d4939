/** The bodies the audit reads: the ones a browser runs or renders as markup, code or data. */
export type AuditedKind = 'html' | 'xml' | 'js' | 'css' | 'json';

/** The JavaScript MIME type essences (MIME Sniffing). */
const JS_TYPES: ReadonlySet<string> = new Set([
  'application/ecmascript', 'application/javascript', 'application/x-ecmascript', 'application/x-javascript',
  'text/ecmascript', 'text/javascript', 'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2',
  'text/javascript1.3', 'text/javascript1.4', 'text/javascript1.5', 'text/jscript', 'text/livescript',
  'text/x-ecmascript', 'text/x-javascript',
]);
const XML_TYPES: ReadonlySet<string> = new Set(['text/xml', 'application/xml', 'application/xhtml+xml', 'image/svg+xml']);
const UNKNOWN_TYPES: ReadonlySet<string> = new Set(['', 'unknown/unknown', 'application/unknown', '*/*']);

/** The essence of a Content-Type (`text/html; charset=utf-8` → `text/html`), lower case. */
export function mimeEssence(contentType: string): string {
  const semicolon = contentType.indexOf(';');
  return (semicolon === -1 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
}

/** The `charset` parameter of a Content-Type, or undefined. */
export function charsetParameter(contentType: string): string | undefined {
  for (const part of contentType.split(';').slice(1)) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim().toLowerCase() === 'charset') return part.slice(eq + 1).trim().replace(/^"|"$/g, '') || undefined;
  }
  return undefined;
}

/**
 * What a body is, by its Content-Type as the browser reads it; a missing or unknown type
 * is sniffed for HTML and XML only (MIME Sniffing's "rules for identifying an unknown
 * MIME type"), unless `nosniff`. Everything else (images, fonts, `text/plain`, octet
 * streams) holds no URL position the browser follows: null.
 */
export function auditedKind(contentType: string, head: string, nosniff: boolean): AuditedKind | null {
  const essence = mimeEssence(contentType);
  if (essence === 'text/html') return 'html';
  if (XML_TYPES.has(essence) || essence.endsWith('+xml')) return 'xml';
  if (JS_TYPES.has(essence)) return 'js';
  if (essence === 'text/css') return 'css';
  if (essence === 'application/json' || essence === 'text/json' || essence.endsWith('+json')) return 'json';
  if (UNKNOWN_TYPES.has(essence) && !nosniff) return sniffMarkup(head);
  return null;
}

/** The HTML tag and comment patterns of MIME Sniffing, after leading whitespace; `<?xml` for XML. */
const HTML_SIGNATURES = [
  '<!doctype html', '<html', '<head', '<script', '<iframe', '<h1', '<div', '<font', '<table', '<a', '<style',
  '<title', '<b', '<body', '<br', '<p',
];

function sniffMarkup(head: string): AuditedKind | null {
  let i = 0;
  while (i < head.length && (head.charCodeAt(i) <= 0x20 || head.charCodeAt(i) === 0xfeff)) i++;
  const start = head.slice(i, i + 16).toLowerCase();
  if (start.startsWith('<!--')) return 'html';
  for (const signature of HTML_SIGNATURES) {
    if (!start.startsWith(signature)) continue;
    const after = start.charCodeAt(signature.length);
    if (after === 0x20 || after === 0x3e) return 'html'; // a tag-terminating byte: space or `>`
  }
  return start.startsWith('<?xml') ? 'xml' : null;
}
