import type { RewriteContext } from '../../context.js';
import { applyEdits, codeStringEdits, type Edit } from '../../domain/index.js';
import { isSamlMessageField, mapSamlMessage } from './saml-message.js';

// The WHATWG URL Standard's application/x-www-form-urlencoded format, on bytes read as
// Latin-1 (one character per byte): host names are ASCII, so the form's charset never
// matters, and every other byte stays what it was.

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}

/**
 * The parser's decoding of one name or value: `+` is a space, `%XX` (two hex digits) is
 * that byte, any other `%` is itself.
 */
export function formDecode(raw: string): string {
  let out = '';
  let from = 0;
  for (let p = raw.indexOf('%'); p !== -1; p = raw.indexOf('%', p + 1)) {
    const byte = escapedByte(raw, p);
    if (byte === -1) continue;
    out += raw.slice(from, p).replaceAll('+', ' ') + String.fromCharCode(byte);
    from = p + 3;
    p += 2;
  }
  return out + raw.slice(from).replaceAll('+', ' ');
}

/**
 * Where each character of `formDecode(raw)` begins in `raw`, and `raw.length` after the
 * last: edits of the decoded text carried back onto the raw bytes.
 */
export function decodedStarts(raw: string): number[] {
  const starts: number[] = [];
  for (let i = 0; i < raw.length; i += escapedByte(raw, i) === -1 ? 1 : 3) starts.push(i);
  starts.push(raw.length);
  return starts;
}

/** The byte `%XX` at `at` stands for, or -1 when no valid escape starts there. */
function escapedByte(raw: string, at: number): number {
  if (raw.charCodeAt(at) !== 0x25 /* % */ || at + 2 >= raw.length) return -1;
  const high = hexValue(raw.charCodeAt(at + 1));
  const low = hexValue(raw.charCodeAt(at + 2));
  return high === -1 || low === -1 ? -1 : high * 16 + low;
}

/**
 * The serializer's encoding of bytes: ASCII alphanumerics and `*-._` as they are, a
 * space as `+`, every other byte as `%XX` (upper-case hex).
 */
export function formEncode(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x2a || c === 0x2d || c === 0x2e || c === 0x5f) {
      out += bytes[i];
    } else if (c === 0x20) {
      out += '+';
    } else {
      out += '%' + c.toString(16).toUpperCase().padStart(2, '0');
    }
  }
  return out;
}

/**
 * One encoded name or value mapped back: decoded as the parser decodes it, the data
 * rules run in reverse on the decoded text, and each change written into the raw text
 * in the serializer's encoding. Bytes outside a change keep their spelling (`%20` stays
 * `%20`, `~` stays `~`), so the field changes only where a proxied host was, and its
 * decoded value is exactly the mapped one. Unchanged fields come back as the same string.
 */
export function mapFormComponent(ctx: RewriteContext, raw: string): string {
  const scanner = ctx.hosts.reverseScanner;
  const encoded = raw.includes('%') || raw.includes('+');
  const decoded = encoded ? formDecode(raw) : raw;
  if (!scanner.mayContain(decoded)) return raw;
  const edits = codeStringEdits(scanner, decoded, 0, decoded.length);
  if (edits.length === 0) return raw;
  const starts = encoded ? decodedStarts(raw) : [];
  const onRaw = edits.map((e): Edit => ({
    start: encoded ? starts[e.start] : e.start,
    end: encoded ? starts[e.end] : e.end,
    text: formEncode(e.text),
  }));
  return applyEdits(raw, onRaw);
}

/**
 * One `name=value` sequence of a form body (the text between two `&`): name and value
 * each mapped back on their own, `=` and everything unchanged kept as it was.
 */
export function mapFormPair(ctx: RewriteContext, pair: string): string {
  const eq = pair.indexOf('=');
  if (eq === -1) return mapFormComponent(ctx, pair);
  const name = pair.slice(0, eq);
  const value = pair.slice(eq + 1);
  const newName = mapFormComponent(ctx, name);
  const newValue = mapFormValue(ctx, formDecode(name), value);
  return newName === name && newValue === value ? pair : newName + '=' + newValue;
}

/** A value by its field's name: a SAML message is base64 whose XML is mapped (re-encoded whole when it changes), any other value as text. */
function mapFormValue(ctx: RewriteContext, name: string, raw: string): string {
  if (isSamlMessageField(name)) {
    const message = mapSamlMessage(ctx, formDecode(raw));
    if (message !== null) return formEncode(message);
  }
  return mapFormComponent(ctx, raw);
}
