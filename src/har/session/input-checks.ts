import { isSpilledText, type HarEntry } from '../har-types.js';
import type { SessionStats } from './session-stats.js';

// HTTP versions as captures write them (`HTTP/1.1`, `http/2.0`, `1.1`, `h2`, `h3-29`,
// `spdy/3.1`, `http/2+quic/46`), and the "not known" spellings (`""`, `unknown`).
const HTTP_VERSION = /^(?:(?:https?\/)?(?:0\.9|1\.0|1\.1|1|2|2\.0|3|3\.0)|h2c?|h3(?:-\d+)?|spdy\/\d(?:\.\d)?|quic|http\/2\+quic\/\d+|unknown|)$/i;

/** Statuses whose response has no body (RFC 9110 §6.4.1 and 15.4.5). */
const bodiless = (status: number) => status < 200 || status === 204 || status === 205 || status === 304;

/**
 * Notes what is messy in a captured entry: an `httpVersion` that names no version (`"K"`,
 * `"me:"`, some exporters' leftovers), a body left out although its size says there was
 * one, a body whose text cannot be one of its size (`"MANUALLY REMOVED"` for 60 kB).
 * Nothing is changed: these are reports.
 */
export function noteMessyInput(entry: HarEntry, index: number, stats: SessionStats): void {
  for (const [side, message] of [['request', entry.request], ['response', entry.response]] as const) {
    const version = message.httpVersion;
    if (version !== undefined && (typeof version !== 'string' || !HTTP_VERSION.test(version.trim()))) {
      stats.problem(index, 'http-version', `${side} httpVersion ${JSON.stringify(version)} is no HTTP version: kept`);
    }
  }
  const content = entry.response.content;
  if (content === null || typeof content !== 'object' || bodiless(entry.response.status) || entry.request.method === 'HEAD') return;
  const size = typeof content.size === 'number' ? content.size : 0;
  const transferred = typeof entry.response._transferSize === 'number' ? entry.response._transferSize : 0;
  if (content.text === undefined || content.text === null) {
    if (size > 0 || (size < 0 && transferred > 0)) stats.problem(index, 'body-omitted', `no content.text for a body of ${size > 0 ? `${size} bytes` : 'unknown size'}: kept as it is`);
    return;
  }
  if (typeof content.text === 'string' && !isSpilledText(content.text) && size > 0) {
    const base64 = content.encoding === 'base64';
    const bytes = base64 ? Math.floor((content.text.length * 3) / 4) : Buffer.byteLength(content.text);
    if (bytes * 2 < size && size - bytes > 256) {
      stats.problem(index, 'body-placeholder', `content.text of ${bytes} bytes stands for a body of ${size} bytes (${JSON.stringify(content.text.slice(0, 40))}): rewritten as the text it is`);
    }
  }
}
