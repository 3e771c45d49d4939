// The responses of bench/proxy.bench.ts's upstream, made once and deterministically: a
// ~20 KB HTML page with 50 protected URLs, a 1 MiB JSON API answer full of protected URLs,
// and a 1 MiB PDF-like download (incompressible, as a PDF's streams are). The upstream
// sends each gzip-coded with a Content-Length, as a static server with precompressed
// files does, so the upstream's own cost is the same in every column.
import { PDF_HEAD } from './files-bodies.js';

export const SUFFIX = 'proxy.test';
export const DOMAINS = ['acme-docs.com', '*.acme-docs.com'];
/** The host the client asks for (its twin through the rewriting proxies). */
export const APP_HOST = 'app.acme-docs.com';

export interface BenchBody {
  readonly name: 'page' | 'json' | 'download';
  readonly label: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The upstream's uncoded body. */
  readonly body: Buffer;
  /** Protected URLs in it (all https, so each becomes `http://<host>.proxy.test:<port>/…`). */
  readonly protectedUrls: number;
  /** What a browser sends for it. */
  readonly request: Readonly<Record<string, string>>;
}

const BROWSER = { 'user-agent': 'Mozilla/5.0 (proxy bench)', 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'en' };

/** A page of 50 protected URLs (links, images, a script, a style) in prose, ~20 KB. */
function page(): { body: Buffer; urls: number } {
  const prose = 'Quarterly figures, meeting notes and the roadmap for the next release are kept here for the whole team to read. ';
  const parts = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Docs</title>',
    '<link rel="stylesheet" href="https://static.acme-docs.com/site.css">',
    '<script src="https://static.acme-docs.com/app.js" defer></script></head><body><main>',
  ];
  let urls = 2;
  for (let i = 0; i < 24; i++) {
    parts.push(`<section><h2>Section ${i}</h2><p>${prose.repeat(5)}</p>`);
    parts.push(`<p><a href="https://app.acme-docs.com/docs/${i}?tab=history">Document ${i}</a> by <a href="https://www.example.org/people/${i}">an author</a></p>`);
    parts.push(`<img src="https://static.acme-docs.com/img/${i}.png" alt="figure ${i}" width="320" height="200"></section>`);
    urls += 2;
  }
  parts.push('</main></body></html>\n');
  return { body: Buffer.from(parts.join('\n')), urls };
}

/** A JSON API answer of ~1 MiB: items with two protected URLs each. */
function json(): { body: Buffer; urls: number } {
  const items: string[] = [];
  let size = 0;
  for (let i = 0; size < 1024 * 1024 - 400; i++) {
    const item = JSON.stringify({
      id: i,
      title: `Item ${i}: the quarterly report, reviewed`,
      url: `https://api.acme-docs.com/v2/items/${i}`,
      avatar: `https://static.acme-docs.com/u/${i % 997}.png`,
      tags: ['report', 'q3', i % 2 === 0 ? 'draft' : 'final'],
      size: (i * 7919) % 100000,
    });
    items.push(item);
    size += item.length + 1;
  }
  return { body: Buffer.from(`{"next":"https://api.acme-docs.com/v2/items?page=2","items":[${items.join(',')}]}`), urls: items.length * 2 + 1 };
}

/** 1 MiB starting as a real PDF, then xorshift filler. */
function download(): Buffer {
  const body = Buffer.alloc(1024 * 1024);
  PDF_HEAD.copy(body);
  let x = 0x9e3779b9;
  for (let i = PDF_HEAD.length; i + 4 <= body.length; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    body.writeInt32LE(x | 0, i);
  }
  return body;
}

export function benchBodies(): BenchBody[] {
  const p = page();
  const j = json();
  return [
    {
      name: 'page',
      label: `HTML page ${(p.body.length / 1000).toFixed(0)} KB, ${p.urls} protected URLs`,
      path: '/docs/home',
      headers: { 'content-type': 'text/html; charset=utf-8' },
      body: p.body,
      protectedUrls: p.urls,
      request: { ...BROWSER, accept: 'text/html', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'none' },
    },
    {
      name: 'json',
      label: `JSON ${(j.body.length / 1048576).toFixed(1)} MiB, ${j.urls} protected URLs`,
      path: '/v2/items',
      headers: { 'content-type': 'application/json' },
      body: j.body,
      protectedUrls: j.urls,
      request: { ...BROWSER, accept: 'application/json', 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors', 'sec-fetch-site': 'same-origin' },
    },
    {
      name: 'download',
      label: 'PDF download 1 MiB (attachment)',
      path: '/files/report.pdf',
      headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="report.pdf"' },
      body: download(),
      protectedUrls: 0,
      request: { ...BROWSER, accept: 'text/html', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'same-origin' },
    },
  ];
}
