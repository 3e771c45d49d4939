import contentDisposition from 'content-disposition';
import { dispositionParameters } from './disposition-parameters.js';
import { decodeEncodedWords } from './encoded-words.js';
import { decodeExtValue } from './ext-value.js';

/**
 * The file name a `Content-Disposition` value gives, before cleaning; null when it gives
 * none.
 *
 * A value RFC 6266 accepts is read by the `content-disposition` package (`filename*`
 * wins over `filename`, RFC 8187 UTF-8 and ISO-8859-1). A plain `filename` is then read
 * as the browsers read it: raw UTF-8 bytes as UTF-8, RFC 2047 encoded words decoded
 * (see `decodeEncodedWords`). A value the package rejects (an unquoted name with spaces,
 * two `filename`s, no disposition type, another charset in `filename*`), or whose
 * `filename*` bytes are not valid in its charset (the package would put U+FFFD in), is
 * read leniently, the way Chromium reads it, so the name is the one Chrome saves under.
 */
export function dispositionFileName(header: string): string | null {
  const strict = strictFileName(header);
  return strict === undefined ? lenientFileName(header) : strict;
}

/** The package's reading; undefined when it cannot read the value soundly. */
function strictFileName(header: string): string | null | undefined {
  let parameters: Record<string, string>;
  try {
    parameters = contentDisposition.parse(header).parameters;
  } catch {
    return undefined;
  }
  const name = parameters['filename'];
  if (name === undefined) return null;
  const fromExtValue = dispositionParameters(header).some((p) => p.name.toLowerCase() === 'filename*');
  if (!fromExtValue) return decodeEncodedWords(name);
  return name.includes('\uFFFD') ? undefined : name.normalize('NFC');
}

/** First non-empty `filename*` that decodes, else the first non-empty `filename` (Chromium's order). */
function lenientFileName(header: string): string | null {
  let plain: string | null = null;
  let extended: string | null = null;
  for (const parameter of dispositionParameters(header)) {
    const name = parameter.name.toLowerCase();
    if (name === 'filename' && plain === null) {
      const value = decodeEncodedWords(parameter.value);
      if (value !== '') plain = value;
    } else if (name === 'filename*' && extended === null) {
      extended = decodeExtValue(parameter.raw);
    }
  }
  return extended ?? plain;
}
