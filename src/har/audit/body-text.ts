import { closeSync, openSync, readSync } from 'node:fs';
import { isSpilledText, type HarContent } from '../har-types.js';
import { prescanCharset } from '../../html/index.js';
import type { AuditedKind } from './content-kind.js';

/** A body as text, and whether only its first part was read. */
export interface BodyText {
  readonly text: string;
  readonly truncated: boolean;
}

/** Why a body was not read. */
export type Unread = 'no-body' | 'binary' | 'unreadable';

/**
 * The most of a body read by default: 16 MiB (characters of a string, bytes of a spilled
 * file), the unit the rewriters hold whole before they fall back to streaming. Full
 * parse trees cost 40 to 150 times the text (measured: a 5 MB bundle through acorn peaks
 * at 240 MB RSS, 4 MB of dense links through parse5 at 610 MB), so past this the audit
 * reads the first part only and says so.
 */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * The text of a HAR body as the browser decodes it: text as captured, or `encoding:
 * "base64"` decoded to bytes and then to text by the BOM, the HTTP charset, for HTML the
 * `<meta>` prescan, else UTF-8 (Node's `TextDecoder`, WHATWG Encoding). Bytes with a
 * binary data byte in the first 1,445 (MIME Sniffing's resource header) are binary and not
 * read, as the pipeline passes them. A spilled body is read up to `maxBytes` from its temp
 * file, and so is any body past `maxBytes`; the result then says `truncated`. Text
 * marked base64 that is not base64 is read as text.
 */
export function bodyText(content: HarContent, kind: AuditedKind, charset: string | undefined, maxBytes: number): BodyText | Unread {
  const raw = content.text;
  if (raw === undefined || raw === null) return 'no-body';
  const base64 = typeof content.encoding === 'string' && content.encoding.toLowerCase() === 'base64';
  let text: string;
  let truncated = false;
  if (isSpilledText(raw)) {
    const limit = base64 ? Math.floor(maxBytes / 3) * 4 : maxBytes;
    try {
      const head = readHead(raw.path, limit);
      text = head.toString('utf8');
      truncated = raw.bytes > limit;
    } catch {
      return 'unreadable';
    }
  } else if (typeof raw === 'string') {
    text = raw;
  } else {
    return 'unreadable';
  }
  if (base64 && isBase64(text)) {
    const bytes = Buffer.from(text, 'base64');
    if (hasBinaryByte(bytes)) return 'binary';
    text = decodeBytes(bytes, kind, charset);
  }
  if (text.length > maxBytes) {
    text = text.slice(0, maxBytes);
    truncated = true;
  }
  return { text, truncated };
}

/** The first `limit` bytes of a file (synchronously: the finder is called per entry by the session's writer too). */
function readHead(path: string, limit: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const chunks: Buffer[] = [];
    let filled = 0;
    while (filled < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(limit - filled, 1 << 20));
      const bytesRead = readSync(fd, chunk, 0, chunk.length, filled);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === chunk.length ? chunk : chunk.subarray(0, bytesRead));
      filled += bytesRead;
    }
    return Buffer.concat(chunks, filled);
  } finally {
    closeSync(fd);
  }
}

/** Base64 (RFC 4648, whitespace allowed, padding optional): else the capture mislabelled text. */
function isBase64(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x3d
      || c === 0x2d || c === 0x5f || c === 0x0a || c === 0x0d || c === 0x20 || c === 0x09;
    if (!ok) return false;
  }
  return true;
}

/** MIME Sniffing's binary data bytes in the resource header (1,445 bytes); UTF-16 text (a BOM) is exempt. */
function hasBinaryByte(bytes: Uint8Array): boolean {
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) return false;
  const n = Math.min(bytes.length, 1445);
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f)) return true;
  }
  return false;
}

function decodeBytes(bytes: Uint8Array, kind: AuditedKind, charset: string | undefined): string {
  const bom = bomEncoding(bytes);
  const labels = [bom, charset, kind === 'html' ? prescanCharset(bytes) ?? undefined : undefined, 'utf-8'];
  for (const label of labels) {
    if (label === undefined) continue;
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // an unknown label: the next source decides
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function bomEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}
