import { isUtf8 } from 'node:buffer';

// A header value is bytes. Node (`IncomingMessage.headers`, `rawHeaders`), undici and
// fetch `Headers` hand each byte over as one character U+0000–U+00FF, so bytes above 0x7F
// arrive as Latin-1. Readers disagree on what those bytes mean: Chromium's network stack
// reads `Location` and cookies as UTF-8 (GURL takes the raw bytes, U+FFFD for what is not
// UTF-8), as Firefox does; Blink reads the headers it parses itself (`Refresh`, `Link`,
// the policies) from a header map built with `WebString::FromLatin1`, and so do tools
// that stay with what Node gives. Deciding a host on one reading lets the other one
// escape, so every reading is rewritten, in place, until none of them changes.

// Replacement characters for bytes that are not UTF-8, a BOM kept: what GURL reads.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });
/** Rounds before the ASCII fallback; edits are idempotent, so two rounds always settle in practice. */
const MAX_ROUNDS = 4;

/**
 * `rewrite` applied to `value` as every reader reads its bytes, the result again as
 * bytes (one character per byte, what Node's `setHeader` sends as is). `rewrite` returns
 * null to drop the value; a null from any reading drops it.
 *
 * - ASCII (the common case): one reading, one call.
 * - A character above U+00FF: not a byte string but text a caller decoded already (a
 *   HAR capture, a hand-made object); rewritten as that text, returned as text.
 * - Bytes above 0x7F: the UTF-8 reading (with U+FFFD for bytes that are not UTF-8, as
 *   Chromium and Firefox decode) and the Latin-1 reading. A changed UTF-8 reading is
 *   encoded back to UTF-8 bytes, so the bytes around the edit stay as they came; the
 *   reading that keeps the bytes is tried first (UTF-8 when they are valid UTF-8,
 *   Latin-1 when not). The rewriters only insert ASCII after ASCII or re-serialize to
 *   ASCII, so each reader keeps its own reading of the rest and sees a proxied host.
 *
 * Should the readings not settle within {@link MAX_ROUNDS}, every non-ASCII byte is
 * percent-encoded, which leaves one reading (the URL parser decodes a percent-encoded
 * host as UTF-8, as Chromium reads the raw bytes) and that one is rewritten: never an
 * unrewritten reading.
 */
export function rewriteEveryReading(value: string, rewrite: (text: string) => string | null): string | null {
  if (!hasHighByte(value) || hasWideChar(value)) return rewrite(value);
  let bytes = value;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const raw = Buffer.from(bytes, 'latin1');
    const utf8 = UTF8.decode(raw);
    const readings = isUtf8(raw) ? [utf8, bytes] : [bytes, utf8];
    let changed = false;
    for (const text of readings) {
      const rewritten = rewrite(text);
      if (rewritten === null) return null;
      if (rewritten === text) continue;
      bytes = text === bytes ? rewritten : toByteString(rewritten);
      changed = true;
      break;
    }
    if (!changed || !hasHighByte(bytes)) return changed ? rewrite(bytes) : bytes;
  }
  return rewrite(percentEncodeHighBytes(bytes));
}

/** Text as the UTF-8 bytes a header carries, one character per byte. */
export function toByteString(text: string): string {
  return hasHighByte(text) ? Buffer.from(text, 'utf8').toString('latin1') : text;
}

function hasHighByte(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return true;
  return false;
}

function hasWideChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return true;
  return false;
}

function percentEncodeHighBytes(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    out += c > 0x7f ? '%' + c.toString(16).toUpperCase() : bytes[i];
  }
  return out;
}
