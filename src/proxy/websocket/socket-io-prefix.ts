/**
 * The packet header Socket.IO puts in front of its JSON in a WebSocket text message
 * (socket.io-parser's encoding inside an Engine.IO packet):
 *
 *   `<digits>[-][/<namespace>,][<ack id digits>]<JSON>`
 *
 * `42["chat",{…}]` is Engine.IO `4` (message) + Socket.IO `2` (event); `42/admin,17[…]`
 * adds a namespace and an ack id; `451-[…]` is a binary event announcing one attachment;
 * `0{"sid":…}` is Engine.IO's open packet. The header carries no host: the proxy keeps it
 * byte-identical and rewrites only the JSON.
 */

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const DASH = 0x2d;
const SLASH = 0x2f;
const COMMA = 0x2c;

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= DIGIT_0 && byte <= DIGIT_9;
}

/**
 * A namespace byte: what a URL path segment may hold (RFC 3986 `pchar`, `/` too) except
 * `,`, which ends the namespace. A namespace is the pathname of the URL the client named
 * (`io('https://host/admin')`), so white space never occurs: `42 apples` is no header.
 */
function isNamespaceByte(byte: number): boolean {
  if ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)) return true;
  // - . _ ~  % (escapes)  ! $ & ' ( ) * + ; =  : @  /
  return '-._~%!$&\'()*+;=:@/'.includes(String.fromCharCode(byte));
}

/** Index just past the digits from `i` (`i` itself when there are none). */
function skipDigits(data: Buffer, i: number): number {
  while (isDigit(data[i])) i++;
  return i;
}

/**
 * Where the JSON of a Socket.IO/Engine.IO text message starts (the header's length), or
 * -1 when `data` is not one: the header must be followed by `[` or `{` and the rest must
 * parse as JSON. One pass over the header, one parse of the rest.
 */
export function socketIoJsonStart(data: Buffer): number {
  let i = skipDigits(data, 0);
  if (i === 0) return -1;
  if (data[i] === DASH) i++;
  if (data[i] === SLASH) {
    i++;
    while (i < data.length && data[i] !== COMMA && isNamespaceByte(data[i])) i++;
    if (data[i] !== COMMA) return -1;
    i++;
  }
  i = skipDigits(data, i);
  const open = data[i];
  if (open !== 0x5b && open !== 0x7b) return -1;
  try {
    JSON.parse(data.toString('utf8', i));
    return i;
  } catch {
    return -1;
  }
}
