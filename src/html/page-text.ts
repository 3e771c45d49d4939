import iconv from 'iconv-lite';
import { utf8TextToView, utf8ViewToText } from './utf8-text.js';

/**
 * The page's own characters behind a stretch of the byte view (the page's bytes held one
 * per character, as Latin-1; see codec.ts), and the way back. The engine parses HTML on
 * the view, which is exact for markup; the rules (URL parsing, JS, CSS) must see the
 * text the browser sees, decoded with the page's charset, or `bücher` in a UTF-8 page
 * reads as `bÃ¼cher`.
 */
export interface PageText {
  /** The WHATWG name of the charset. */
  readonly encoding: string;
  /** Whether the charset holds every character (UTF-8): then new text needs no references. */
  readonly holdsAll: boolean;
  /** Whether bytes can fail to decode losslessly (the legacy multi-byte charsets). */
  readonly mayBeInexact: boolean;
  /**
   * The text `view` stands for; characters above U+00FF in it (what a character
   * reference decoded to) are kept. Null when its bytes do not decode and re-encode to
   * themselves (only where {@link mayBeInexact}).
   */
  toText(view: string): string | null;
  /**
   * `text` back in the view. A character the charset cannot hold is written by
   * `unheld` (a numeric character reference, where one is read as such); without it,
   * kept when above U+00FF, and null when at or below (it would read as a byte).
   */
  toView(text: string, unheld?: (ch: string) => string): string | null;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** A numeric character reference for `ch`, for attribute values and text (never CDATA or raw text). */
export function numericReference(ch: string): string {
  return `&#x${(ch.codePointAt(0) as number).toString(16)};`;
}

/** UTF-8, without loss (see utf8-text.ts). */
class Utf8Text implements PageText {
  readonly encoding = 'UTF-8';
  readonly holdsAll = true;
  readonly mayBeInexact = false;
  toText(view: string): string { return utf8ViewToText(view); }
  toView(text: string): string { return utf8TextToView(text); }
}

const ESCAPE_BASE = 0xdc00;

/**
 * A single-byte charset (WHATWG's tables, as iconv-lite and the platform give them, see
 * {@link byteDecoder}): each byte one character. A byte the charset leaves
 * undefined becomes U+DC80 + byte, as in UTF-8, so nothing is lost.
 */
class SingleByteText implements PageText {
  readonly holdsAll = false;
  readonly mayBeInexact = false;
  private readonly chars: string[] = [];
  private readonly bytes = new Map<string, number>();

  constructor(readonly encoding: string, decodeByte: (b: number) => string) {
    for (let b = 0; b < 256; b++) {
      const ch = b < 0x80 ? String.fromCharCode(b) : decodeByte(b);
      const defined = ch.length === 1 && ch !== '\ufffd';
      this.chars.push(defined ? ch : String.fromCharCode(ESCAPE_BASE + b));
      if (defined && !this.bytes.has(ch)) this.bytes.set(ch, b);
    }
  }

  toText(view: string): string {
    if (!NON_ASCII.test(view)) return view;
    let out = '';
    for (let i = 0; i < view.length; i++) {
      const c = view.charCodeAt(i);
      out += c <= 0xff ? this.chars[c] : view[i];
    }
    return out;
  }

  toView(text: string, unheld?: (ch: string) => string): string | null {
    if (!NON_ASCII.test(text)) return text;
    let out = '';
    for (const ch of text) {
      const c = ch.charCodeAt(0);
      if (c < 0x80) { out += ch; continue; }
      const b = this.bytes.get(ch);
      if (b !== undefined) out += String.fromCharCode(b);
      else if (c >= 0xdc80 && c <= 0xdcff && ch.length === 1) out += String.fromCharCode(c - ESCAPE_BASE);
      else if (unheld !== undefined) out += unheld(ch);
      else if (c > 0xff) out += ch;
      else return null;
    }
    return out;
  }
}

/**
 * A legacy multi-byte charset (Shift_JIS, EUC-JP, EUC-KR, GBK, gb18030, Big5) through
 * iconv-lite: exact or nothing. Its trail bytes can be ASCII, so no byte-wise escape
 * keeps the rest readable; bytes that do not decode and re-encode to themselves give
 * null, and the caller falls back to the view.
 */
class MultiByteText implements PageText {
  readonly holdsAll = false;
  readonly mayBeInexact = true;

  constructor(readonly encoding: string, private readonly iconvName: string) {}

  toText(view: string): string | null {
    if (!NON_ASCII.test(view)) return view;
    let text = '';
    const n = view.length;
    let i = 0;
    while (i < n) {
      let j = i;
      while (j < n && view.charCodeAt(j) <= 0xff) j++;
      if (j > i) {
        const bytes = Buffer.from(view.slice(i, j), 'latin1');
        const t = iconv.decode(bytes, this.iconvName, { stripBOM: false });
        if (!iconv.encode(t, this.iconvName, { addBOM: false }).equals(bytes)) return null;
        text += t;
      }
      i = j;
      while (j < n && view.charCodeAt(j) > 0xff) j++;
      text += view.slice(i, j);
      i = j;
    }
    return text;
  }

  toView(text: string, unheld?: (ch: string) => string): string | null {
    if (!NON_ASCII.test(text)) return text;
    const whole = iconv.encode(text, this.iconvName, { addBOM: false });
    if (iconv.decode(whole, this.iconvName, { stripBOM: false }) === text) return whole.toString('latin1');
    let out = '';
    for (const ch of text) {
      const b = iconv.encode(ch, this.iconvName, { addBOM: false });
      if (iconv.decode(b, this.iconvName, { stripBOM: false }) === ch) out += b.toString('latin1');
      else if (unheld !== undefined) out += unheld(ch);
      else if (ch.charCodeAt(0) > 0xff) out += ch;
      else return null;
    }
    return out;
  }
}

/**
 * The single-byte decoder of `encoding`, or null. iconv-lite's tables first: Node's
 * `TextDecoder` reads windows-1252 as Latin-1 (0x80 as U+0080, not €). Where iconv-lite
 * leaves a byte undefined, WHATWG's windows-125x tables have the C1 control of the same
 * code, which is what the platform gives there; any other answer stays undefined.
 */
function byteDecoder(encoding: string, iconvName: string | null): ((b: number) => string) | null {
  let platform: { decode(bytes: Uint8Array): string } | null = null;
  try {
    platform = new TextDecoder(encoding);
  } catch {
    // Not known to the platform.
  }
  if (iconvName === null && platform === null) return null;
  return (b) => {
    const own = iconvName === null ? '\ufffd' : iconv.decode(Buffer.of(b), iconvName);
    if (own !== '\ufffd' || platform === null) return own;
    const other = platform.decode(Uint8Array.of(b));
    return iconvName === null || (other.length === 1 && other.charCodeAt(0) === b && b <= 0x9f) ? other : own;
  };
}

/**
 * The {@link PageText} of a byte-view charset; null when neither the platform nor
 * iconv-lite knows it (the view is then all there is).
 */
export function pageTextFor(encoding: string, iconvName: string | null, multiByte: boolean): PageText | null {
  if (encoding === 'UTF-8') return new Utf8Text();
  if (multiByte) return iconvName === null ? null : new MultiByteText(encoding, iconvName);
  const decode = byteDecoder(encoding, iconvName);
  return decode === null ? null : new SingleByteText(encoding, decode);
}
