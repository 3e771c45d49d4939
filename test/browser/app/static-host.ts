import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { HostRoute } from './host-server.js';

type Coding = 'br' | 'gzip';

/** What the static host serves and how it compresses each file when the request accepts it. */
const FILES: Readonly<Record<string, { file: string; type: string; coding: Coding }>> = {
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8', coding: 'br' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8', coding: 'gzip' },
  '/logo.svg': { file: 'logo.svg', type: 'image/svg+xml', coding: 'gzip' },
  '/pixel.svg': { file: 'pixel.svg', type: 'image/svg+xml', coding: 'br' },
};

/** The static host (a CDN): scripts, styles and images, compressed with real zlib gzip and brotli. */
export function staticRoutes(): Record<string, HostRoute> {
  return Object.fromEntries(
    Object.entries(FILES).map(([path, { file, type, coding }]) => {
      const bytes = readFileSync(new URL(`./assets/${file}`, import.meta.url));
      const encoded = coding === 'br' ? brotliCompressSync(bytes) : gzipSync(bytes);
      const route: HostRoute = (req, res) => {
        const compress = accepts(req, coding);
        const body = compress ? encoded : bytes;
        // setHeader, not writeHead's object: the request log reads the coding back with getHeader.
        res.setHeader('content-type', type);
        res.setHeader('content-length', String(body.length));
        res.setHeader('vary', 'Accept-Encoding');
        res.setHeader('cache-control', 'no-store');
        if (compress) res.setHeader('content-encoding', coding);
        res.writeHead(200).end(body);
      };
      return [`GET ${path}`, route];
    }),
  );
}

/** Whether `Accept-Encoding` lists the coding with a q above 0 (RFC 9110 §12.5.3; enough for browsers' lists). */
function accepts(req: IncomingMessage, coding: Coding): boolean {
  return String(req.headers['accept-encoding'] ?? '')
    .split(',')
    .map((item) => item.trim().split(';'))
    .some(([name, ...params]) => name.trim().toLowerCase() === coding && !params.some((p) => /^\s*q=0(?:\.0*)?\s*$/i.test(p)));
}
