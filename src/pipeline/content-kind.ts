import type { MimeType } from './mime-type.js';

/**
 * What the pipeline does with a body: run one of the rewriters, or pass it as it came.
 * `xml` is the HTML rewriter in its XML-document mode (XHTML, SVG, feeds).
 */
export type BodyKind = 'html' | 'xml' | 'js' | 'json' | 'css' | 'pass';

// WHATWG MIME Sniffing §4.6: every JavaScript MIME type essence.
const JAVASCRIPT = new Set([
  'application/ecmascript', 'application/javascript', 'application/x-ecmascript', 'application/x-javascript',
  'text/ecmascript', 'text/javascript', 'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2',
  'text/javascript1.3', 'text/javascript1.4', 'text/javascript1.5', 'text/jscript', 'text/livescript',
  'text/x-ecmascript', 'text/x-javascript',
]);

/**
 * The allowlist: a type is rewritten only when it is one the browser reads as a document,
 * script, stylesheet or JSON (MIME Sniffing §4.6 "HTML MIME type", "XML MIME type",
 * "JavaScript MIME type", "JSON MIME type"); everything else passes byte-identical.
 */
export function bodyKindOf(type: MimeType): BodyKind {
  const { essence, subtype } = type;
  if (essence === 'text/html') return 'html';
  if (essence === 'text/css') return 'css';
  if (JAVASCRIPT.has(essence)) return 'js';
  if (essence === 'application/json' || essence === 'text/json' || subtype.endsWith('+json')) return 'json';
  if (essence === 'text/xml' || essence === 'application/xml' || subtype.endsWith('+xml')) return 'xml';
  return 'pass';
}

/**
 * MIME Sniffing §7.1: a type this absent, or one of these, makes the browser sniff the
 * bytes ("rules for identifying an unknown MIME type").
 */
export function isUnknownType(type: MimeType | null): boolean {
  return type === null || type.essence === 'unknown/unknown' || type.essence === 'application/unknown' || type.essence === '*/*';
}
