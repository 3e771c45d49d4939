// The static rewriter gives a host piece the public port (`'.example.com'` becomes
// `'.example.com.proxy.test:8443'`) and cannot see that the code's next pieces add a
// port of their own (`+ ':' + port`). The URL built at run time then has two, which the
// URL parser refuses: the second one goes, the proxy's stays. No DOM here: Node runs it.

// `scheme:` exactly (RFC 3986): one class after a letter, so linear.
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:$/;
const HOST_END: Record<string, 1> = { ':': 1, '/': 1, '?': 1, '#': 1, '@': 1, '\\': 1 };
const PATH_START: Record<string, 1> = { '/': 1, '?': 1, '#': 1 };

/**
 * `value` with `//<host>:<port>:<digits>` (right after `scheme:` or at the start, then
 * `/`, `?`, `#` or the end) made `//<host>:<port>`; any other value comes back as it is.
 * The caller checks that `<host>` is a proxied twin: this only reads the shape.
 */
export function withoutDoubledPort(value: string, port: number): string {
  const slashes = value.indexOf('//');
  if (slashes === -1 || (slashes > 0 && !SCHEME.test(value.slice(0, slashes)))) return value;
  let i = slashes + 2;
  while (i < value.length && HOST_END[value[i]] !== 1) i++;
  const ours = ':' + port + ':';
  if (i === slashes + 2 || !value.startsWith(ours, i)) return value;
  const second = i + ours.length - 1;
  let end = second + 1;
  while (end < value.length && value[end] >= '0' && value[end] <= '9') end++;
  if (end === second + 1 || (end < value.length && PATH_START[value[end]] !== 1)) return value;
  return value.slice(0, second) + value.slice(end);
}
