/**
 * What a `<script>` holds, from its `type` (and legacy `language`) per the HTML spec's
 * "prepare the script element": classic JavaScript, a module, JSON (import maps,
 * speculation rules, JSON data blocks), or an unknown data block that is left alone.
 */
export type ScriptKind = 'classic' | 'module' | 'json' | 'unknown';

const JS_MIME = new Set([
  'application/ecmascript', 'application/javascript', 'application/x-ecmascript', 'application/x-javascript',
  'text/ecmascript', 'text/javascript', 'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2',
  'text/javascript1.3', 'text/javascript1.4', 'text/javascript1.5', 'text/jscript', 'text/livescript',
  'text/x-ecmascript', 'text/x-javascript',
]);

const JSON_TYPES = new Set(['importmap', 'speculationrules', 'application/json', 'application/ld+json', 'text/json']);

/** The kind of script given its `type` and `language` attribute values (null when absent). */
export function scriptKind(type: string | null, language: string | null): ScriptKind {
  let t: string;
  if (type === null || type === '') {
    if (type === null && language !== null && language !== '') t = 'text/' + language;
    else return 'classic';
  } else {
    t = type;
  }
  t = t.trim().toLowerCase();
  if (t === 'module') return 'module';
  const essence = (t.split(';')[0] as string).trim();
  if (JS_MIME.has(essence)) return 'classic';
  if (JSON_TYPES.has(essence) || essence.endsWith('+json')) return 'json';
  return 'unknown';
}
