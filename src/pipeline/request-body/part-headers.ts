import { parseMimeType } from '../mime-type.js';

/**
 * Whether a multipart part, by its header block (the lines up to and with the blank
 * line, as sent), is a text field whose value may be mapped back: RFC 7578 §4.2
 * `Content-Disposition: form-data` without a `filename` (or `filename*`) parameter, a
 * `Content-Type` that is absent or `text/plain` (any charset), and no
 * `Content-Transfer-Encoding` other than `7bit`, `8bit` or `binary` (the value must be
 * the literal text). Everything else is a file or something this code does not
 * understand, and passes byte-identical: a doubt never changes a file's bytes.
 */
export function isTextField(block: string): boolean {
  const fields = headerFields(block);
  const disposition = fields.get('content-disposition');
  if (disposition === undefined || disposition.length !== 1) return false;
  if (!isFormDataWithoutFilename(disposition[0])) return false;
  const type = fields.get('content-type');
  if (type !== undefined && (type.length !== 1 || parseMimeType(type[0])?.essence !== 'text/plain')) return false;
  const coding = fields.get('content-transfer-encoding');
  if (coding !== undefined && (coding.length !== 1 || !LITERAL_CODINGS.has(coding[0].trim().toLowerCase()))) return false;
  return true;
}

const LITERAL_CODINGS = new Set(['7bit', '8bit', 'binary']);

/**
 * The `name` parameter of a part's `Content-Disposition`, quoted or not (HTML writes it
 * quoted, `"` as `%22`); null when there is none. Only compared with names this code
 * knows, so the tolerant reading does not matter.
 */
export function formFieldName(block: string): string | null {
  const disposition = headerFields(block).get('content-disposition');
  if (disposition === undefined || disposition.length !== 1) return null;
  const match = /;[\t ]*name[\t ]*=[\t ]*(?:"([^"]*)"|([^\t ;]+))/i.exec(disposition[0]);
  return match === null ? null : (match[1] ?? match[2]);
}

/** Header lines by lower-case name (values trimmed), obsolete line folding joined. */
function headerFields(block: string): Map<string, string[]> {
  const lines: string[] = [];
  for (const line of block.split('\r\n')) {
    if (line === '') continue;
    const folded = line.charCodeAt(0) === 0x20 || line.charCodeAt(0) === 0x09;
    if (folded && lines.length > 0) lines[lines.length - 1] += ' ' + line.trim();
    else lines.push(line);
  }
  const fields = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    // A line without a name is not a header this code can vouch for: it counts as an unknown field.
    const name = colon <= 0 ? '' : line.slice(0, colon).trim().toLowerCase();
    const value = colon <= 0 ? line : line.slice(colon + 1).trim();
    const values = fields.get(name);
    if (values) values.push(value);
    else fields.set(name, [value]);
  }
  return fields;
}

/**
 * `form-data; name="x"` yes; `form-data; name="x"; filename="a.txt"` no. The word
 * `filename` anywhere outside a quoted string makes it a file, even in a parameter this
 * tolerant reading would not parse: declaring a file a text field could change it.
 * Quotes are read both ways senders write them: with backslash escapes (RFC 2616
 * quoted-string) and without (HTML's form encoding, where `name="a\"` is the name
 * `a\`), and a file by either reading is a file.
 */
function isFormDataWithoutFilename(value: string): boolean {
  const semicolon = value.indexOf(';');
  const type = (semicolon === -1 ? value : value.slice(0, semicolon)).trim().toLowerCase();
  if (type !== 'form-data') return false;
  return !outsideQuotes(value, true).toLowerCase().includes('filename') && !outsideQuotes(value, false).toLowerCase().includes('filename');
}

/** The text with every double-quoted string removed. */
function outsideQuotes(value: string, backslashEscapes: boolean): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\' && backslashEscapes) i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else {
      out += c;
    }
  }
  return out;
}
