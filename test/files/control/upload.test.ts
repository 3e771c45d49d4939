import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileAuditEvent } from '../../../src/files/index.js';
import { fetchVia } from '../../pipeline/exchange-support.js';
import { DOCX, fixture, recordingClassifier, startFileProxy } from './support.js';

const HOST = 'files.acme-docs.com.proxy.test';
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await stop?.();
  stop = null;
});

/** A multipart/form-data body as a browser's FormData encoder (undici's) writes it. */
async function formBody(parts: [name: string, value: string | { bytes: Buffer; fileName: string; type: string }][]): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  for (const [name, value] of parts) {
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, new Blob([value.bytes], { type: value.type }), value.fileName);
  }
  const res = new Response(form);
  return { body: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') as string };
}

const echo = { '* /upload': (_q: unknown, res: import('node:http').ServerResponse, body: Buffer) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`got ${body.length}`) };

describe('uploads through the pipeline', () => {
  it('refuses a blocked file part with 403 and the message, and upstream never sees the request', async () => {
    const docx = fixture('report.docx');
    const classify = recordingClassifier(() => ({ action: 'block', rule: 'no uploads', message: 'Uploads of Office files are not allowed.' }));
    const env = await startFileProxy(echo, { classifier: classify });
    stop = env.close;
    const form = await formBody([['title', 'Q3'], ['doc', { bytes: docx, fileName: 'report.docx', type: DOCX }]]);
    const json = await fetchVia(env.proxy.port, HOST, '/upload', { method: 'POST', body: form.body, headers: { 'content-type': form.type, accept: 'application/json' } });
    expect(json.status).toBe(403);
    expect(JSON.parse(json.body.toString())).toMatchObject({ error: 'upload-blocked', message: 'Uploads of Office files are not allowed.', file: 'report.docx' });
    const html = await fetchVia(env.proxy.port, HOST, '/upload', { method: 'POST', body: form.body, headers: { 'content-type': form.type, accept: 'text/html,*/*;q=0.8' } });
    expect(html.status).toBe(403);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.body.toString()).toContain('Uploads of Office files are not allowed.');
    expect(env.upstream.seen).toHaveLength(0);
    expect(classify.calls[0].file).toMatchObject({ activity: 'upload', name: 'report.docx', declaredType: DOCX, sniffedType: DOCX, size: docx.length, url: 'http://files.acme-docs.com/upload' });
    expect(classify.calls[0].ctx.response).toBeNull();
  });

  it('sends an allowed upload on with the file bytes untouched, and lets the classifier read the part', async () => {
    const docx = fixture('report.docx');
    const classify = recordingClassifier(async (file) => {
      const text = await (await file.content()).text();
      return { action: text.text.includes('Quarterly revenue') ? 'monitor' : 'block' };
    });
    const env = await startFileProxy(echo, { classifier: classify });
    stop = env.close;
    const form = await formBody([['doc', { bytes: docx, fileName: 'report.docx', type: DOCX }]]);
    const got = await fetchVia(env.proxy.port, HOST, '/upload', { method: 'POST', body: form.body, headers: { 'content-type': form.type } });
    expect(got.status).toBe(200);
    expect(env.upstream.seen).toHaveLength(1);
    expect(env.upstream.seen[0].body.equals(form.body)).toBe(true);
  });

  it('classifies a raw PUT whose bytes are a governed file, and not a raw JSON body', async () => {
    const pdf = fixture('text.pdf');
    const classify = recordingClassifier(() => ({ action: 'block' }));
    const env = await startFileProxy({ ...echo, '* /files/Q3.pdf': echo['* /upload'] }, { classifier: classify });
    stop = env.close;
    const put = await fetchVia(env.proxy.port, HOST, '/files/Q3.pdf', { method: 'PUT', body: pdf, headers: { 'content-type': 'application/octet-stream' } });
    expect(put.status).toBe(403);
    expect(classify.calls[0].file).toMatchObject({ name: 'Q3.pdf', sniffedType: 'application/pdf', size: pdf.length });
    const json = await fetchVia(env.proxy.port, HOST, '/upload', { method: 'POST', body: Buffer.from('{"a":1}'), headers: { 'content-type': 'application/json' } });
    expect(json.status).toBe(200);
    expect(classify.calls).toHaveLength(1);
    expect(env.upstream.seen.map((s) => s.path)).toEqual(['/upload']);
  });

  it('past the hold, classifies a part announced late by its headers and refuses the request before that part goes upstream', async () => {
    const docx = fixture('report.docx');
    const events: FileAuditEvent[] = [];
    const classify = recordingClassifier((file) => ({ action: file.extension === 'docx' ? 'block' : 'allow' }));
    const env = await startFileProxy(echo, { classifier: classify, limits: { governedBytes: 64 * 1024 }, audit: (e) => events.push(e) });
    stop = env.close;
    const form = await formBody([['big', { bytes: randomBytes(2 * 1024 * 1024), fileName: 'big.bin', type: 'application/octet-stream' }], ['doc', { bytes: docx, fileName: 'late.docx', type: DOCX }]]);
    const got = await fetchVia(env.proxy.port, HOST, '/upload', { method: 'POST', body: form.body, headers: { 'content-type': form.type, accept: 'application/json' } });
    expect(got.status).toBe(403);
    expect(JSON.parse(got.body.toString()).file).toBe('late.docx');
    expect(env.upstream.seen).toHaveLength(0);
    expect(events.map((e) => [e.fileName, e.action])).toEqual([['big.bin', 'allow'], ['late.docx', 'block']]);
    // Announced past the hold: its size is known only if the chunk that announced it held all of it.
    expect([null, docx.length]).toContain(classify.calls[1].file.size);
  });

  it('refuses a multipart body it cannot read (files could hide in it)', async () => {
    const env = await startFileProxy(echo, { classifier: () => ({ action: 'allow' }) });
    stop = env.close;
    const got = await fetchVia(env.proxy.port, HOST, '/upload', { method: 'POST', body: Buffer.from('--x\r\nContent-Disposition: form-data; name="f"; filename="a.pdf"\r\n\r\n%PDF-1.7 cut off'), headers: { 'content-type': 'multipart/form-data; boundary=x' } });
    expect(got.status).toBe(400);
    expect(env.upstream.seen).toHaveLength(0);
  });
});
