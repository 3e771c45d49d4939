/**
 * A multipart/form-data body (RFC 7578) as the browser sends it through the proxy: the
 * value of each text field (a part without a `filename`) mapped forward with the data
 * rule `mapData`; file parts, part headers, the preamble and the epilogue as they were.
 * A body whose parts cannot be found comes back unchanged.
 */
export function mapMultipartText(text: string, boundary: string, mapData: (value: string) => string): string {
  const delimiter = `--${boundary}`;
  const pieces = text.split(delimiter);
  if (pieces.length < 3) return text;
  let changed = false;
  // pieces[0] is the preamble; a piece starting with `--` follows the close delimiter.
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i];
    if (piece.startsWith('--')) break;
    const mapped = mapPart(piece, mapData);
    if (mapped !== piece) {
      pieces[i] = mapped;
      changed = true;
    }
  }
  return changed ? pieces.join(delimiter) : text;
}

/** One part after its delimiter: the line break, the headers, a blank line, the value, the line break before the next delimiter. */
function mapPart(piece: string, mapData: (value: string) => string): string {
  const crlf = piece.indexOf('\r\n\r\n');
  const lf = piece.indexOf('\n\n');
  const useCrlf = crlf !== -1 && (lf === -1 || crlf < lf);
  const headEnd = useCrlf ? crlf : lf;
  if (headEnd === -1) return piece;
  const bodyStart = headEnd + (useCrlf ? 4 : 2);
  const head = piece.slice(0, headEnd);
  if (isFilePart(head)) return piece;
  const tail = piece.endsWith('\r\n') ? 2 : piece.endsWith('\n') ? 1 : 0;
  const bodyEnd = Math.max(bodyStart, piece.length - tail);
  const value = piece.slice(bodyStart, bodyEnd);
  const mapped = mapData(value);
  return mapped === value ? piece : piece.slice(0, bodyStart) + mapped + piece.slice(bodyEnd);
}

/** A part whose Content-Disposition names a file (`filename` or `filename*`): its bytes are the user's file. */
function isFilePart(head: string): boolean {
  return head.split(/\r?\n/).some((line) => {
    const colon = line.indexOf(':');
    if (colon === -1 || line.slice(0, colon).trim().toLowerCase() !== 'content-disposition') return false;
    return line
      .slice(colon + 1)
      .split(';')
      .some((param) => /^filename\*?$/i.test(param.split('=')[0].trim()));
  });
}
