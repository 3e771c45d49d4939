import { percentDecode } from './percent-decode.js';

/**
 * An application/x-www-form-urlencoded body as the browser sends it through the proxy:
 * each name and value decoded as the URL Standard's parser decodes it, the data rule run
 * forward on the decoded text (`mapData`: a protected host in a URL, as the whole value,
 * or regex-escaped, as a rewritten page's script or form would hold it), and a component
 * that changed written again by the form serializer. Unchanged components keep their
 * bytes, so a body without protected hosts comes back as the same string.
 */
export function mapFormBody(text: string, mapData: (value: string) => string): string {
  let changed = false;
  const pairs = text.split('&').map((pair) => {
    const mapped = mapFormPair(pair, mapData);
    changed ||= mapped !== pair;
    return mapped;
  });
  return changed ? pairs.join('&') : text;
}

function mapFormPair(pair: string, mapData: (value: string) => string): string {
  const eq = pair.indexOf('=');
  if (eq === -1) return mapComponent(pair, mapData);
  const name = pair.slice(0, eq);
  const value = pair.slice(eq + 1);
  const newName = mapComponent(name, mapData);
  const newValue = mapComponent(value, mapData);
  return newName === name && newValue === value ? pair : `${newName}=${newValue}`;
}

function mapComponent(raw: string, mapData: (value: string) => string): string {
  const decoded = percentDecode(raw, true);
  const mapped = mapData(decoded);
  return mapped === decoded ? raw : formSerialize(mapped);
}

/**
 * The URL Standard's application/x-www-form-urlencoded byte serializer on the UTF-8 of
 * `text`: ASCII alphanumerics and `*-._` as they are, a space as `+`, every other byte `%XX`.
 */
export function formSerialize(text: string): string {
  let out = '';
  for (const b of Buffer.from(text, 'utf8')) {
    const lower = b | 0x20;
    if ((b >= 0x30 && b <= 0x39) || (lower >= 0x61 && lower <= 0x7a) || b === 0x2a || b === 0x2d || b === 0x2e || b === 0x5f) out += String.fromCharCode(b);
    else if (b === 0x20) out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
