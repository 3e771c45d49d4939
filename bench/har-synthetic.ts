// A synthetic HAR for the streaming benches: ordinary ~5 KB entries around one huge body,
// written straight to a file in the HAR writer's own layout (so a read + write must give
// the same bytes back), the body in escaped pieces so it is never held whole.
import { createWriteStream } from 'node:fs';

const MiB = 1024 * 1024;

/** One ordinary entry, about 5 KB, in the writer's layout. */
function smallEntry(i: number): string {
  const headers = Array.from({ length: 12 }, (_, h) => ({ name: `X-Header-${h}`, value: `value ${i} ${'v'.repeat(40)}` }));
  return JSON.stringify({
    startedDateTime: '2024-01-01T00:00:00.000Z',
    time: 12.5,
    request: { method: 'GET', url: `https://app.example.com/page/${i}?q=1`, httpVersion: 'HTTP/1.1', cookies: [], headers, queryString: [{ name: 'q', value: '1' }], headersSize: -1, bodySize: 0 },
    response: {
      status: 200, statusText: 'OK', httpVersion: 'HTTP/1.1', cookies: [], headers, redirectURL: '', headersSize: -1, bodySize: 3000,
      content: { size: 3000, mimeType: 'text/html; charset=utf-8', text: `<p>entry ${i}</p>` + '<a href="https://app.example.com/x">é😀 "q"</a>\n'.repeat(60) },
    },
    cache: {},
    timings: { send: 1, wait: 10, receive: 1.5 },
  });
}

/** Writes `smallBytes` of ordinary entries (half before, half after) around one entry whose
 *  body is `bodyBytes` of HTML with escapes and multi-byte characters. */
export async function generateSyntheticHar(path: string, bodyBytes: number, smallBytes: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (s: string): Promise<void> => {
    if (!out.write(s)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  };
  await write('{"log":{\n"version":"1.2",\n"creator":{"name":"spr-bench","version":"1"},\n"entries":[\n');
  let written = 0;
  let i = 0;
  const half = smallBytes / 2;
  const writeSmall = async (until: number): Promise<void> => {
    while (written < until) {
      const e = smallEntry(i);
      await write(`${i === 0 ? '' : ',\n'}${e}`);
      written += e.length;
      i += 1;
    }
  };
  await writeSmall(half);
  const block = JSON.stringify('<div class="x">body é€😀 "quoted" \\ <a href="https://app.example.com/y">link</a></div>\n').slice(1, -1);
  const piece = block.repeat(Math.ceil(MiB / block.length));
  await write(',\n{"startedDateTime":"2024-01-01T00:00:01.000Z","time":1,"request":{"method":"GET","url":"https://app.example.com/big","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"queryString":[],"headersSize":-1,"bodySize":0},"response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","cookies":[],"headers":[],"redirectURL":"","headersSize":-1,"bodySize":-1,"content":{"size":-1,"mimeType":"text/html","text":"');
  for (let b = 0; b < bodyBytes; b += piece.length) await write(piece);
  await write('"}},"cache":{},"timings":{"send":0,"wait":0,"receive":0}}');
  i += 1;
  await writeSmall(smallBytes);
  await write('\n],\n"comment":"synthetic"\n}}\n');
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
}

