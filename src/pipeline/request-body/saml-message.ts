import type { RewriteContext } from '../../context.js';
import { mapStringBack } from './value-sink.js';

/**
 * The form fields of the SAML HTTP-POST binding (SAML 2.0 Bindings §3.5.4): a protocol
 * message, base64-encoded XML. Its URLs (`Destination`, `AssertionConsumerServiceURL`,
 * `Recipient`, `Audience`, any other) were written for the proxied hosts the browser
 * saw, and the other side checks them against its own: they are mapped back like any
 * other value. `RelayState` is plain text and mapped as every field is.
 *
 * A signature that covers a mapped URL no longer verifies: no proxy can keep both. The
 * receiver would refuse the proxied URL anyway (it is not its own), so mapping back is
 * the only chance such a message has.
 */
export function isSamlMessageField(name: string): boolean {
  return name === 'SAMLResponse' || name === 'SAMLRequest';
}

/**
 * The field's value (Latin-1: one character per byte) with the proxied URLs of its XML
 * mapped back and encoded again; null when it is not base64 of XML or nothing in it
 * changes, so the caller keeps the value as it came.
 */
export function mapSamlMessage(ctx: RewriteContext, value: string): string | null {
  const compact = value.replace(/[\t\n\f\r ]+/g, '');
  if (!isBase64(compact)) return null;
  const xml = Buffer.from(compact, 'base64').toString('latin1');
  if (!looksLikeXml(xml)) return null;
  const mapped = mapStringBack(ctx, xml);
  if (mapped === xml) return null;
  return wrapLike(value, Buffer.from(mapped, 'latin1').toString('base64'));
}

/** RFC 4648 §4 base64 with its padding: the standard alphabet, whole quanta, `=` only at the end. */
function isBase64(text: string): boolean {
  return text.length > 0 && text.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text);
}

/** XML (a SAML message is a document): after a UTF-8 BOM and white space, markup begins. */
function looksLikeXml(text: string): boolean {
  const body = text.startsWith('\u00ef\u00bb\u00bf') ? text.slice(3) : text;
  const start = body.search(/[^\t\n\r ]/);
  return start !== -1 && body[start] === '<';
}

/**
 * The new base64 in the original's lines: a value wrapped at a fixed width (MIME's 76,
 * PEM's 64) is wrapped at that width with the same line break; any other white space is
 * not kept.
 */
function wrapLike(original: string, encoded: string): string {
  const first = original.search(/[\t\n\f\r ]/);
  if (first <= 0) return encoded;
  const lineBreak = /^[\t\n\f\r ]+/.exec(original.slice(first))?.[0] ?? '';
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += first) lines.push(encoded.slice(i, i + first));
  const trailing = /[\t\n\f\r ]$/.test(original) ? lineBreak : '';
  return lines.join(lineBreak) + trailing;
}
