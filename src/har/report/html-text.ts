import { asciiLower } from '../audit/index.js';

/** Text made safe for HTML content and quoted attribute values: `& < > " '` as references. */
export function escapeHtml(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ref = c === 0x26 ? '&amp;' : c === 0x3c ? '&lt;' : c === 0x3e ? '&gt;' : c === 0x22 ? '&quot;' : c === 0x27 ? '&#39;' : null;
    if (ref === null) continue;
    out += text.slice(from, i) + ref;
    from = i + 1;
  }
  return out + text.slice(from);
}

/** `text` escaped, with the first occurrence of `needle` (any case) wrapped in `<mark>`. */
export function escapeWithMark(text: string, needle: string): string {
  const n = needle.startsWith('*.') ? needle.slice(2) : needle;
  const at = n === '' ? -1 : asciiLower(text).indexOf(asciiLower(n));
  if (at === -1) return escapeHtml(text);
  return `${escapeHtml(text.slice(0, at))}<mark>${escapeHtml(text.slice(at, at + n.length))}</mark>${escapeHtml(text.slice(at + n.length))}`;
}

/** `1234567` → `1,234,567`. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
