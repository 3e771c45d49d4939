import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import contentDisposition from 'content-disposition';
import * as openpgp from 'openpgp';
import { afterEach, describe, expect, it } from 'vitest';
import {
  jsonLinesAudit,
  labelProtector,
  loadPolicy,
  openpgpProtector,
  readLabels,
  type FileAuditEvent,
  type FileControlOptions,
  type PolicyDocument,
  type SessionContext,
} from '../../../src/files/index.js';
import { fetchVia, type Received, type Route } from '../../pipeline/exchange-support.js';
import { docxOf } from '../inspect/build-files.js';
import { DOCX, fixture, startFileProxy, XLSX } from './support.js';
import { tempDir } from '../../helpers/temp-dirs.js';

/**
 * The built-in policy classifier end to end: real policy JSON, loaded and validated,
 * behind the pipeline's gate, with real files served by a real upstream and fetched
 * through the real proxy. Expectations come from the fixtures' README (what each file
 * holds) and the policy semantics (DESIGN.md "The policy file", issue 9).
 */

const HOST = 'files.acme-docs.com.proxy.test';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const SSN = '\\b\\d{3}-\\d{2}-\\d{4}\\b';
const SITE = '9f8e7d6c-5b4a-4321-8fed-cba987654321';
const LABELS = {
  Confidential: { id: '3a8e5b2c-6f41-4d7e-9b1a-0c2d4e6f8a10', siteId: SITE },
  General: { id: '7c1d9e04-2b3f-4a5c-8d6e-1f2a3b4c5d6e', siteId: SITE },
  'Highly Confidential': { id: 'e5f60718-293a-4b4c-9d5e-6f708192a3b4', siteId: SITE },
};

let stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

/** A proxy with the policy (given as its JSON, loaded as `spr` loads it) and every decision kept. */
async function proxyWith(document: PolicyDocument, routes: Record<string, Route>, options: Omit<FileControlOptions, 'policy' | 'classifier'> = {}) {
  const events: FileAuditEvent[] = [];
  const policy = loadPolicy(JSON.parse(JSON.stringify(document)));
  const env = await startFileProxy(routes, { policy, session: sessionFromTestHeaders, audit: (e) => events.push(e), ...options });
  stops.push(env.close);
  const get = (path: string, headers: Record<string, string> = {}) => fetchVia(env.proxy.port, HOST, path, { headers });
  return { ...env, events, get };
}

/**
 * The session as an implementer's identity provider would give it; here from test
 * headers, so each request can be anyone (the socket is always 127.0.0.1).
 */
function sessionFromTestHeaders(req: IncomingMessage): SessionContext {
  const h = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
  const list = (name: string) => h(name)?.split(',').map((s) => s.trim());
  const session: { -readonly [K in keyof SessionContext]: SessionContext[K] } = {};
  if (h('x-test-user') !== undefined) session.user = h('x-test-user');
  if (h('x-test-groups') !== undefined) session.groups = list('x-test-groups');
  if (h('x-test-device') !== undefined) session.device = h('x-test-device');
  if (h('x-test-ip') !== undefined) session.ip = h('x-test-ip');
  if (h('x-test-location') !== undefined) session.location = list('x-test-location');
  if (h('user-agent') !== undefined) session.userAgent = h('user-agent');
  return session;
}

/** An upstream route answering with `bytes` as an attachment named `name` (no attachment header when name is null). */
function serve(bytes: Buffer, type: string, name: string | null, extra: Record<string, string> = {}): Route {
  return (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': type, ...(name === null ? {} : { 'content-disposition': `attachment; filename="${name}"` }), 'content-length': String(bytes.length), ...extra });
    res.end(bytes);
  };
}

/** The file name the browser would save the response under. */
const savedName = (got: Received) => contentDisposition.parse(got.headers['content-disposition'] as string).parameters.filename;

/** The response is the blocked notice for `name` (RFC 6266 attachment `<name>.blocked.txt`, text with the message), not the file. */
function expectBlocked(got: Received, name: string, original: Buffer, message?: string): void {
  expect(got.status).toBe(200);
  expect(got.headers['content-type']).toBe('text/plain; charset=utf-8');
  expect(savedName(got)).toBe(`${name}.blocked.txt`);
  const text = got.body.toString('utf8');
  expect(text.toLowerCase()).toContain('download restricted');
  if (message !== undefined) expect(text).toContain(message);
  expect(got.body.includes(original.subarray(0, 16))).toBe(false);
}

function expectOriginal(got: Received, original: Buffer): void {
  expect(got.status).toBe(200);
  expect(got.body.equals(original)).toBe(true);
}

/** A multipart/form-data body as a browser's FormData encoder (undici's) writes it. */
async function formWithFile(bytes: Buffer, fileName: string, type: string): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  form.append('note', 'for review');
  form.append('file', new Blob([bytes], { type }), fileName);
  const res = new Response(form);
  return { body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') as string };
}

const receiveUpload: Route = (_req, res, body) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`stored ${body.length} bytes`);

describe('content rules on real files', () => {
  const noSsn: PolicyDocument = { rules: [{ name: 'No SSNs', match: { content: [SSN] }, action: 'block', message: 'Files with social security numbers stay in the app.' }] };
  const cleanCsv = Buffer.from('Region,Revenue\nNorth,120000\nSouth,98000\nPhone,555-0100\nPart,1234-56-789\n');
  const cleanDocx = Buffer.from(docxOf('Quarterly revenue report', 'Quarterly revenue grew by 12 percent.'));
  const files: [path: string, bytes: Buffer, type: string, name: string][] = [
    ['/report', fixture('report.docx'), DOCX, 'report.docx'],
    ['/budget', fixture('budget.xlsx'), XLSX, 'budget.xlsx'],
    ['/slides', fixture('slides.pptx'), PPTX, 'slides.pptx'],
    ['/text', fixture('text.pdf'), 'application/pdf', 'text.pdf'],
    ['/data', fixture('data.csv'), 'text/csv', 'data.csv'],
    // The number is in report.docx (and budget.xlsx, one zip deeper) inside the archive.
    ['/docs', fixture('docs.zip'), 'application/zip', 'docs.zip'],
  ];

  it('blocks every file that holds 123-45-6789 (Word, Excel, PowerPoint, PDF, CSV, a docx in a zip) with the rule\'s message', async () => {
    const env = await proxyWith(noSsn, Object.fromEntries(files.map(([path, bytes, type, name]) => [`* ${path}`, serve(bytes, type, name)])));
    for (const [path, bytes, , name] of files) {
      const got = await env.get(path);
      expectBlocked(got, name, bytes, 'Files with social security numbers stay in the app.');
    }
    expect(env.events.map((e) => [e.fileName, e.action, e.rule])).toEqual(files.map(([, , , name]) => [name, 'block', 'No SSNs']));
  });

  it('lets files without the number through byte for byte (near misses are not the pattern)', async () => {
    const env = await proxyWith(noSsn, { '* /clean.csv': serve(cleanCsv, 'text/csv', 'clean.csv'), '* /clean.docx': serve(cleanDocx, DOCX, 'clean.docx') });
    expectOriginal(await env.get('/clean.csv'), cleanCsv);
    expectOriginal(await env.get('/clean.docx'), cleanDocx);
    expect(env.events.map((e) => [e.fileName, e.action, e.rule])).toEqual([['clean.csv', 'allow', null], ['clean.docx', 'allow', null]]);
  });
});

describe('label rules on real labelled files', () => {
  const routes = Object.fromEntries(
    ([
      ['labelled-labelinfo.docx', DOCX],
      ['labelled.pdf', 'application/pdf'],
      ['labelled-custom.xlsx', XLSX],
      ['labelled-xmp.pdf', 'application/pdf'],
      ['labelled-both.pptx', PPTX],
      ['report.docx', DOCX],
    ] as const).map(([name, type]) => [`* /${name}`, serve(fixture(name), type, name)]),
  );

  it('blocks Confidential files by name: the GUID in LabelInfo.xml through the policy\'s labels map, the name in PDF keys', async () => {
    const env = await proxyWith({ labels: LABELS, rules: [{ name: 'Confidential stays', match: { label: ['Confidential'] }, action: 'block' }] }, routes);
    expectBlocked(await env.get('/labelled-labelinfo.docx'), 'labelled-labelinfo.docx', fixture('labelled-labelinfo.docx'));
    expectBlocked(await env.get('/labelled.pdf'), 'labelled.pdf', fixture('labelled.pdf'));
    // Confidential is there but disabled (General is the file's label); Highly Confidential is another label; no label at all.
    expectOriginal(await env.get('/labelled-custom.xlsx'), fixture('labelled-custom.xlsx'));
    expectOriginal(await env.get('/labelled-xmp.pdf'), fixture('labelled-xmp.pdf'));
    expectOriginal(await env.get('/report.docx'), fixture('report.docx'));
    const byName = new Map(env.events.map((e) => [e.fileName, e]));
    // The audit log names the label as the policy does, not only by GUID.
    expect(byName.get('labelled-labelinfo.docx')).toMatchObject({ action: 'block', rule: 'Confidential stays', labels: ['Confidential'] });
    expect(byName.get('labelled-labelinfo.docx')?.reason).toContain('Confidential');
    expect(byName.get('labelled.pdf')).toMatchObject({ action: 'block', labels: ['Confidential'] });
    expect(byName.get('report.docx')).toMatchObject({ action: 'allow', labels: [] });
  });

  it('reads a file labelled in both places by its LabelInfo.xml: Highly Confidential, not General', async () => {
    const env = await proxyWith(
      {
        labels: LABELS,
        rules: [
          { name: 'General is fine', match: { label: ['General'] }, action: 'allow' },
          { name: 'Highly Confidential stays', match: { label: ['Highly Confidential'] }, action: 'block' },
        ],
      },
      routes,
    );
    expectBlocked(await env.get('/labelled-both.pptx'), 'labelled-both.pptx', fixture('labelled-both.pptx'));
    // labelled-custom.xlsx carries General in its custom properties only: that is its label.
    expectOriginal(await env.get('/labelled-custom.xlsx'), fixture('labelled-custom.xlsx'));
    expect(env.events.map((e) => [e.fileName, e.rule, e.action])).toEqual([
      ['labelled-both.pptx', 'Highly Confidential stays', 'block'],
      ['labelled-custom.xlsx', 'General is fine', 'allow'],
    ]);
    expect(env.events[0].labels).toEqual(['Highly Confidential']);
  });

  it('matches a label by its GUID in the rule (any case, braces), with no labels map', async () => {
    const env = await proxyWith({ rules: [{ name: 'by GUID', match: { label: ['{3A8E5B2C-6F41-4D7E-9B1A-0C2D4E6F8A10}'] }, action: 'block' }] }, routes);
    expectBlocked(await env.get('/labelled-labelinfo.docx'), 'labelled-labelinfo.docx', fixture('labelled-labelinfo.docx'));
    expectBlocked(await env.get('/labelled.pdf'), 'labelled.pdf', fixture('labelled.pdf'));
    expectOriginal(await env.get('/labelled-custom.xlsx'), fixture('labelled-custom.xlsx'));
    expectOriginal(await env.get('/labelled-both.pptx'), fixture('labelled-both.pptx'));
  });
});

describe('session dimensions from the implementer\'s session callback', () => {
  const docx = fixture('report.docx');
  const routes = { '* /report': serve(docx, DOCX, 'report.docx') };
  const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
  const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
  const cases: [dimension: string, match: PolicyDocument['rules'][number]['match'], hits: Record<string, string>[], misses: Record<string, string>[]][] = [
    ['device', { device: ['unmanaged'] }, [{ 'x-test-device': 'unmanaged' }, { 'x-test-device': 'Unmanaged' }], [{ 'x-test-device': 'managed' }, {}]],
    [
      'ip',
      { ip: ['203.0.113.0/24', '2001:db8::/32'] },
      // A dual-stack server sees an IPv4 client as ::ffff:a.b.c.d: the same client.
      [{ 'x-test-ip': '203.0.113.7' }, { 'x-test-ip': '2001:db8::1' }, { 'x-test-ip': '::ffff:203.0.113.7' }],
      [{ 'x-test-ip': '198.51.100.7' }, { 'x-test-ip': '2001:db9::1' }, {}],
    ],
    // A negated value is met by a session without location tags too.
    ['location', { location: ['!corporate'] }, [{ 'x-test-location': 'home' }, {}], [{ 'x-test-location': 'home, corporate' }]],
    ['user', { user: ['*@contractors.example.com'] }, [{ 'x-test-user': 'ana@contractors.example.com' }], [{ 'x-test-user': 'ana@example.com' }, {}]],
    ['group', { group: ['Finance'] }, [{ 'x-test-groups': 'staff, finance' }], [{ 'x-test-groups': 'staff' }, {}]],
    ['userAgent', { userAgent: ['*Firefox/*'] }, [{ 'user-agent': FIREFOX }], [{ 'user-agent': CHROME }]],
  ];

  it.each(cases)('%s: a matching session is blocked, any other gets the file', async (dimension, match, hits, misses) => {
    const env = await proxyWith({ rules: [{ name: `by ${dimension}`, match, action: 'block' }] }, routes);
    for (const headers of hits) expectBlocked(await env.get('/report', headers), 'report.docx', docx);
    for (const headers of misses) expectOriginal(await env.get('/report', headers), docx);
    expect(env.events.map((e) => e.rule)).toEqual([...hits.map(() => `by ${dimension}`), ...misses.map(() => null)]);
  });

  it('puts the session into the decision\'s reason and the audit event', async () => {
    const env = await proxyWith({ rules: [{ name: 'Unmanaged at home', match: { device: ['unmanaged'], location: ['home'], ip: ['203.0.113.0/24'] }, action: 'monitor' }] }, routes);
    await env.get('/report', { 'x-test-device': 'unmanaged', 'x-test-location': 'home', 'x-test-ip': '203.0.113.7', 'x-test-user': 'ana@example.com', 'x-test-groups': 'staff', 'user-agent': FIREFOX });
    expect(env.events).toHaveLength(1);
    expect(env.events[0]).toMatchObject({ user: 'ana@example.com', groups: ['staff'], device: 'unmanaged', ip: '203.0.113.7', location: ['home'], userAgent: FIREFOX, rule: 'Unmanaged at home', action: 'monitor' });
    expect(env.events[0].reason).toMatch(/unmanaged/);
    expect(env.events[0].reason).toMatch(/home/);
    expect(env.events[0].reason).toMatch(/203\.0\.113\.7/);
  });
});

describe('file dimensions', () => {
  it('activity: uploads of Office files are refused (403, upstream never sees them) while their download and other uploads pass', async () => {
    const docx = fixture('report.docx');
    const csv = fixture('data.csv');
    const env = await proxyWith(
      { rules: [{ name: 'No Office uploads', match: { activity: ['upload'], fileExtension: ['docx', 'xlsx', 'pptx'] }, action: 'block', message: 'Office files cannot be uploaded from here.' }] },
      { '* /report': serve(docx, DOCX, 'report.docx'), '* /upload': receiveUpload },
    );
    expectOriginal(await env.get('/report'), docx);

    const office = await formWithFile(docx, 'report.docx', DOCX);
    const refused = await fetchVia(env.proxy.port, HOST, '/upload', { method: 'POST', body: office.body, headers: { 'content-type': office.type, accept: 'application/json' } });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body.toString())).toEqual({ error: 'upload-blocked', message: 'Office files cannot be uploaded from here.', file: 'report.docx' });
    expect(env.upstream.seen.map((s) => s.path)).toEqual(['/report']);

    const plain = await formWithFile(csv, 'data.csv', 'text/csv');
    const stored = await fetchVia(env.proxy.port, HOST, '/upload', { method: 'POST', body: plain.body, headers: { 'content-type': plain.type } });
    expect(stored.status).toBe(200);
    expect(env.upstream.seen.at(-1)?.body.equals(plain.body)).toBe(true);

    expect(env.events.map((e) => [e.activity, e.fileName, e.action])).toEqual([['download', 'report.docx', 'allow'], ['upload', 'report.docx', 'block'], ['upload', 'data.csv', 'allow']]);
  });

  it('activity: a download-only rule leaves the same file\'s upload alone, and content rules read uploaded parts', async () => {
    const docx = fixture('report.docx');
    const env = await proxyWith(
      {
        rules: [
          { name: 'No SSN uploads', match: { activity: ['upload'], content: [SSN] }, action: 'block' },
          { name: 'No Office downloads', match: { activity: ['download'], fileExtension: ['docx'] }, action: 'block' },
        ],
      },
      { '* /report': serve(docx, DOCX, 'report.docx'), '* /upload': receiveUpload },
    );
    expectBlocked(await env.get('/report'), 'report.docx', docx);
    const clean = Buffer.from(docxOf('Meeting notes'));
    const cleanForm = await formWithFile(clean, 'notes.docx', DOCX);
    expect((await fetchVia(env.proxy.port, HOST, '/upload', { method: 'POST', body: cleanForm.body, headers: { 'content-type': cleanForm.type } })).status).toBe(200);
    const secret = await formWithFile(docx, 'report.docx', DOCX);
    const refused = await fetchVia(env.proxy.port, HOST, '/upload', { method: 'POST', body: secret.body, headers: { 'content-type': secret.type, accept: 'text/html' } });
    expect(refused.status).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(env.upstream.seen.filter((s) => s.path === '/upload')).toHaveLength(1);
    expect(env.events.map((e) => [e.activity, e.rule])).toEqual([['download', 'No Office downloads'], ['upload', null], ['upload', 'No SSN uploads']]);
  });

  it('fileSize: min and max inclusive, from Content-Length or, when the response is chunked, measured', async () => {
    const docx = fixture('report.docx');
    const chunked: Route = (_req, res) => {
      res.writeHead(200, { 'content-type': DOCX, 'content-disposition': 'attachment; filename="report.docx"' });
      res.write(docx.subarray(0, 1000));
      res.end(docx.subarray(1000));
    };
    const routes = { '* /sized': serve(docx, DOCX, 'report.docx'), '* /chunked': chunked };
    const at = await proxyWith({ rules: [{ name: 'exactly this size', match: { fileSize: { min: docx.length, max: docx.length } }, action: 'block' }] }, routes);
    expectBlocked(await at.get('/sized'), 'report.docx', docx);
    expectBlocked(await at.get('/chunked'), 'report.docx', docx);
    const above = await proxyWith({ rules: [{ name: 'larger', match: { fileSize: { min: docx.length + 1 } }, action: 'block' }] }, routes);
    expectOriginal(await above.get('/sized'), docx);
    expectOriginal(await above.get('/chunked'), docx);
    const below = await proxyWith({ rules: [{ name: 'smaller', match: { fileSize: { max: docx.length - 1 } }, action: 'block' }] }, routes);
    expectOriginal(await below.get('/sized'), docx);
    expectOriginal(await below.get('/chunked'), docx);
  });

  it('fileName: a glob over the name from Content-Disposition (filename* in UTF-8 too), ignoring case', async () => {
    const xlsx = fixture('budget.xlsx');
    const env = await proxyWith({ rules: [{ name: 'secret names', match: { fileName: ['*secret*'] }, action: 'block' }] }, {
      '* /plain': serve(xlsx, XLSX, 'Q3 SECRET budget.xlsx'),
      '* /utf8': (_q, res) => res.writeHead(200, { 'content-type': XLSX, 'content-disposition': "attachment; filename=\"Gehalt.xlsx\"; filename*=UTF-8''Geheim%20%C3%BCbersicht%20secret.xlsx" }).end(xlsx),
      '* /other': serve(xlsx, XLSX, 'budget.xlsx'),
    });
    expectBlocked(await env.get('/plain'), 'Q3 SECRET budget.xlsx', xlsx);
    expectBlocked(await env.get('/utf8'), 'Geheim übersicht secret.xlsx', xlsx);
    expectOriginal(await env.get('/other'), xlsx);
  });

  it('fileExtension: by the name\'s extension, also when the name is the URL\'s last segment', async () => {
    const xlsx = fixture('budget.xlsx');
    const docx = fixture('report.docx');
    const env = await proxyWith({ rules: [{ name: 'no spreadsheets', match: { fileExtension: ['.XLSX'] }, action: 'block' }] }, {
      '* /files/budget.xlsx': serve(xlsx, XLSX, null),
      '* /report': serve(docx, DOCX, 'report.docx'),
    });
    expectBlocked(await env.get('/files/budget.xlsx', { 'sec-fetch-dest': 'document' }), 'budget.xlsx', xlsx);
    expectOriginal(await env.get('/report'), docx);
  });

  it('contentType: the declared type or the type sniffed from the bytes, either one', async () => {
    const pdf = fixture('text.pdf');
    const notPdf = Buffer.from('plain words, whatever the header says\n');
    const docx = fixture('report.docx');
    const env = await proxyWith({ rules: [{ name: 'no PDFs', match: { contentType: ['application/pdf'] }, action: 'block' }] }, {
      '* /declared': serve(notPdf, 'application/pdf', 'notes.txt'),
      '* /sniffed': serve(pdf, 'application/octet-stream', 'export.bin'),
      '* /neither': serve(docx, DOCX, 'report.docx'),
    });
    expectBlocked(await env.get('/declared'), 'notes.txt', notPdf);
    expectBlocked(await env.get('/sniffed'), 'export.bin', pdf);
    expectOriginal(await env.get('/neither'), docx);
    expect(env.events.map((e) => [e.declaredType, e.sniffedType])).toEqual([['application/pdf', null], ['application/octet-stream', 'application/pdf'], [DOCX, DOCX]]);
  });
});

describe('decide: first or strictest', () => {
  const docx = fixture('report.docx');
  const rules: PolicyDocument['rules'] = [
    { name: 'Watch Office files', match: { fileExtension: ['docx'] }, action: 'monitor' },
    { name: 'No SSNs', match: { content: [SSN] }, action: 'block', message: 'Not with an SSN in it.' },
  ];

  it('first: the first matching rule decides (monitor: the file passes)', async () => {
    const env = await proxyWith({ decide: 'first', rules }, { '* /report': serve(docx, DOCX, 'report.docx') });
    expectOriginal(await env.get('/report'), docx);
    expect(env.events.map((e) => [e.rule, e.action])).toEqual([['Watch Office files', 'monitor']]);
  });

  it('strictest: every matching rule counts and block beats monitor', async () => {
    const env = await proxyWith({ decide: 'strictest', rules }, { '* /report': serve(docx, DOCX, 'report.docx') });
    expectBlocked(await env.get('/report'), 'report.docx', docx, 'Not with an SSN in it.');
    expect(env.events.map((e) => [e.rule, e.action])).toEqual([['No SSNs', 'block']]);
  });
});

describe('files that cannot be inspected', () => {
  const content = (cannotInspect?: 'allow' | 'monitor'): PolicyDocument => ({
    ...(cannotInspect === undefined ? {} : { cannotInspect }),
    rules: [{ name: 'No SSNs', match: { content: [SSN] }, action: 'block' }],
  });
  const encrypted = fixture('encrypted.docx');
  const corrupt = fixture('corrupt.docx');
  const docx = fixture('report.docx');
  const part = docx.subarray(0, 2000);
  const routes: Record<string, Route> = {
    '* /encrypted': serve(encrypted, DOCX, 'encrypted.docx'),
    '* /corrupt': serve(corrupt, DOCX, 'corrupt.docx'),
    '* /part': (_q, res) =>
      res.writeHead(206, { 'content-type': DOCX, 'content-disposition': 'attachment; filename="report.docx"', 'content-range': `bytes 0-1999/${docx.length}`, 'content-length': '2000' }).end(part),
  };

  it('by default ("rule") applies the rule\'s action: an encrypted, a corrupt file and a 206 part are blocked', async () => {
    const env = await proxyWith(content(), routes);
    expectBlocked(await env.get('/encrypted'), 'encrypted.docx', encrypted);
    expectBlocked(await env.get('/corrupt'), 'corrupt.docx', corrupt);
    const got = await env.get('/part', { range: 'bytes=0-1999' });
    expectBlocked(got, 'report.docx', part);
    expect(got.headers['content-range']).toBeUndefined();
    expect(env.events.map((e) => [e.fileName, e.rule, e.action, e.partial])).toEqual([
      ['encrypted.docx', 'No SSNs', 'block', false],
      ['corrupt.docx', 'No SSNs', 'block', false],
      ['report.docx', 'No SSNs', 'block', true],
    ]);
    expect(env.events[0].reason).toMatch(/encrypted/);
    expect(env.events[1].reason).toMatch(/corrupt/);
    expect(env.events[2].reason).toMatch(/partial/);
    expect(env.events[2].size).toBe(docx.length);
  });

  it('"allow" lets them through untouched; a 206 part stays the part it was', async () => {
    const env = await proxyWith(content('allow'), routes);
    expectOriginal(await env.get('/encrypted'), encrypted);
    expectOriginal(await env.get('/corrupt'), corrupt);
    const got = await env.get('/part', { range: 'bytes=0-1999' });
    expect(got.status).toBe(206);
    expect(got.headers['content-range']).toBe(`bytes 0-1999/${docx.length}`);
    expect(got.body.equals(part)).toBe(true);
    expect(env.events.map((e) => [e.rule, e.action])).toEqual([['No SSNs', 'allow'], ['No SSNs', 'allow'], ['No SSNs', 'allow']]);
  });

  it('a file that can be read is still judged by its content under "allow": report.docx is blocked', async () => {
    const env = await proxyWith(content('allow'), { '* /report': serve(docx, DOCX, 'report.docx') });
    expectBlocked(await env.get('/report'), 'report.docx', docx);
  });
});

describe('protect rules', () => {
  const docx = fixture('report.docx');
  const routes = { '* /report': serve(docx, DOCX, 'report.docx'), '* /text': serve(fixture('text.pdf'), 'application/pdf', 'text.pdf') };

  it('label: stamps the rule\'s label into report.docx, which the label reader reads back', async () => {
    const document: PolicyDocument = {
      labels: LABELS,
      rules: [{ name: 'Label Office files', match: { fileExtension: ['docx'] }, action: 'protect', protect: { with: 'label', label: 'Confidential' } }],
    };
    const policy = loadPolicy(document);
    const env = await proxyWith(document, routes, { protectors: { label: labelProtector({ labels: policy.labels }) } });
    const got = await env.get('/report');
    expect(got.status).toBe(200);
    expect(savedName(got)).toBe('report.docx');
    expect(got.headers['content-type']).toBe(DOCX);
    const enabled = (await readLabels(new Uint8Array(got.body))).filter((l) => l.enabled);
    expect(enabled.map((l) => [l.id, l.siteId])).toContainEqual([LABELS.Confidential.id, SITE]);
    expect(env.events[0]).toMatchObject({ action: 'protect', rule: 'Label Office files', protector: 'label' });
  });

  it('openpgp (the policy\'s protector): <name>.pgp that the recipient\'s private key opens to the original bytes', async () => {
    const { privateKey, publicKey } = await openpgp.generateKey({ type: 'curve25519', userIDs: [{ name: 'Records', email: 'records@example.com' }], format: 'armored' });
    const env = await proxyWith(
      { protect: { with: 'openpgp' }, rules: [{ name: 'Encrypt SSNs', match: { content: [SSN] }, action: 'protect' }] },
      routes,
      { protectors: { openpgp: await openpgpProtector({ encryptionKeys: [publicKey] }) } },
    );
    const got = await env.get('/report');
    expect(savedName(got)).toBe('report.docx.pgp');
    expect(got.body.includes(docx.subarray(0, 32))).toBe(false);
    const message = await openpgp.readMessage({ binaryMessage: new Uint8Array(got.body) });
    const { data } = await openpgp.decrypt({ message, decryptionKeys: await openpgp.readPrivateKey({ armoredKey: privateKey }), format: 'binary' });
    expect(Buffer.from(data as Uint8Array).equals(docx)).toBe(true);
    expect(env.events[0]).toMatchObject({ action: 'protect', rule: 'Encrypt SSNs', protector: 'openpgp', deliveredName: 'report.docx.pgp' });
  });

  it('a file the label protector cannot protect (a PDF) gets the policy\'s cannotProtect action', async () => {
    const pdf = fixture('text.pdf');
    const document = (cannotProtect?: 'monitor'): PolicyDocument => ({
      labels: LABELS,
      ...(cannotProtect === undefined ? {} : { cannotProtect }),
      rules: [{ name: 'Label everything', match: {}, action: 'protect', protect: { with: 'label', label: 'Confidential' } }],
    });
    const protectors = { label: labelProtector({ labels: loadPolicy(document()).labels }) };
    const strict = await proxyWith(document(), routes, { protectors });
    expectBlocked(await strict.get('/text'), 'text.pdf', pdf);
    const lenient = await proxyWith(document('monitor'), routes, { protectors });
    expectOriginal(await lenient.get('/text'), pdf);
    expect([strict.events[0].action, lenient.events[0].action]).toEqual(['block', 'monitor']);
  });
});

describe('the audit log', () => {
  it('writes one JSON line per decision, with the policy\'s rule names and reasons, and none for pages', async () => {
    const dir = tempDir('spr-policy-audit-');
    const path = join(dir, 'files.jsonl');
    const audit = jsonLinesAudit(path);
    const docx = fixture('report.docx');
    const env = await proxyWith(
      {
        labels: LABELS,
        rules: [
          { name: 'Unmanaged devices get no SSNs', match: { device: ['unmanaged'], content: [SSN] }, action: 'block', message: 'Use a managed device.' },
          { name: 'Watch Confidential', match: { label: ['Confidential'] }, action: 'monitor' },
        ],
      },
      {
        '* /report': serve(docx, DOCX, 'report.docx'),
        '* /labelled': serve(fixture('labelled-labelinfo.docx'), DOCX, 'labelled-labelinfo.docx'),
        '* /page': (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hello</p>'),
        '* /upload': receiveUpload,
      },
      { audit, now: () => new Date('2026-03-01T09:30:00Z') },
    );
    const unmanaged = { 'x-test-device': 'unmanaged', 'x-test-user': 'ana@example.com', 'x-test-ip': '203.0.113.7' };
    await env.get('/report', unmanaged);
    await env.get('/report', { ...unmanaged, 'x-test-device': 'managed' });
    await env.get('/page', unmanaged);
    await env.get('/labelled', { 'x-test-device': 'managed' });
    const form = await formWithFile(docx, 'report.docx', DOCX);
    await fetchVia(env.proxy.port, HOST, '/upload', { method: 'POST', body: form.body, headers: { 'content-type': form.type, ...unmanaged } });
    await audit.close();

    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    const events = lines.slice(0, -1).map((line) => JSON.parse(line) as FileAuditEvent);
    expect(events.map((e) => [e.activity, e.fileName, e.device, e.rule, e.action])).toEqual([
      ['download', 'report.docx', 'unmanaged', 'Unmanaged devices get no SSNs', 'block'],
      ['download', 'report.docx', 'managed', null, 'allow'],
      ['download', 'labelled-labelinfo.docx', 'managed', 'Watch Confidential', 'monitor'],
      ['upload', 'report.docx', 'unmanaged', 'Unmanaged devices get no SSNs', 'block'],
    ]);
    for (const e of events) {
      expect(e).toMatchObject({ type: 'file-decision', time: '2026-03-01T09:30:00.000Z', appHost: 'files.acme-docs.com' });
      if (e.rule !== null) expect(e.reason).toContain(e.rule);
    }
    expect(events[0]).toMatchObject({ user: 'ana@example.com', ip: '203.0.113.7', size: docx.length, declaredType: DOCX, sniffedType: DOCX, deliveredName: 'report.docx.blocked.txt', url: 'http://files.acme-docs.com/report' });
    expect(events[0].reason).toMatch(/device unmanaged/);
    expect(events[0].reason).toContain(SSN);
    // The reason names the pattern, never the number it found (the audit log is not a copy of the secret).
    for (const line of lines) expect(line).not.toContain('123-45-6789');
    expect(events[2].labels).toEqual(['Confidential']);
    // A refused upload delivers nothing: the user got the 403 page.
    expect(events[3].deliveredName).toBeNull();
  });
});
