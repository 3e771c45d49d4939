/** What a `<script>` holds, by its `type` (and `language`) as the HTML standard's "prepare the script element" reads them. */
export type ScriptContent = 'classic' | 'module' | 'json' | 'data';

/** The JavaScript MIME type essences (MIME Sniffing). */
const JS_TYPES: ReadonlySet<string> = new Set([
  'application/ecmascript', 'application/javascript', 'application/x-ecmascript', 'application/x-javascript',
  'text/ecmascript', 'text/javascript', 'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2',
  'text/javascript1.3', 'text/javascript1.4', 'text/javascript1.5', 'text/jscript', 'text/livescript',
  'text/x-ecmascript', 'text/x-javascript',
]);

/**
 * Classic or module scripts run; `importmap` and `speculationrules` are JSON the browser
 * reads for URLs; a data block of a JSON type (`application/json`, `application/ld+json`)
 * is JSON a page script reads. Any other type is a data block nobody fetches from.
 */
export function scriptContent(type: string | undefined, language: string | undefined): ScriptContent {
  let t: string;
  if (type === undefined) {
    if (language === undefined || language === '') return 'classic';
    t = `text/${language}`;
  } else {
    t = type;
  }
  t = t.trim().toLowerCase();
  if (t === '' || JS_TYPES.has(t)) return 'classic';
  if (t === 'module') return 'module';
  if (t === 'importmap' || t === 'speculationrules') return 'json';
  const essence = t.split(';')[0].trim();
  if (essence === 'application/json' || essence === 'text/json' || essence.endsWith('+json')) return 'json';
  return 'data';
}
