import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityControls, parsePolicyText, type AuditEvent } from '../../../src/files/index.js';
import { runtimeConfigOf, runtimeSnippet } from '../../../src/proxy/runtime/index.js';
import { DOCX, fixture, recordingClassifier } from '../../files/control/support.js';
import { close, fetchVia, startHandler, startUpstream, type Route } from './support.js';

// File control and the runtime's activity events through the handler.

const HOST = 'files.acme-docs.com.proxy.test';
const docx = fixture('report.docx');

/** A multipart/form-data body as browsers write one (RFC 7578): text fields, then file parts. */
function formBody(fields: Record<string, string>, files: { name: string; fileName: string; type: string; bytes: Buffer }[]): { body: Buffer; type: string } {
  const boundary = '----SprBoundary' + randomBytes(8).toString('hex');
  const parts = [
    ...Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)),
    ...files.flatMap((f) => [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"; filename="${f.fileName}"\r\nContent-Type: ${f.type}\r\n\r\n`), f.bytes, Buffer.from('\r\n')]),
    Buffer.from(`--${boundary}--\r\n`),
  ];
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

const routes: Record<string, Route> = {
  '* /report.docx': (_q, res) => res.writeHead(200, { 'content-type': DOCX, 'content-disposition': 'attachment; filename="report.docx"' }).end(docx),
  '* /upload': (_q, res, body) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`got ${body.length}`),
  '* /page': (_q, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head></head><body>hi</body></html>'),
};

const policy = parsePolicyText(JSON.stringify({
  default: 'allow',
  rules: [
    { name: 'No office files on unmanaged devices', match: { device: ['unmanaged'], fileExtension: ['docx'] }, action: 'block', message: 'Office files stay on managed devices.' },
    { name: 'No copying on unmanaged devices', match: { device: ['unmanaged'], activity: ['copy'] }, action: 'block', message: 'Copying is not allowed on this device.' },
    { name: 'Printing is watched', match: { activity: ['print'] }, action: 'monitor' },
  ],
}));

let upstream: Awaited<ReturnType<typeof startUpstream>>;
let proxy: Awaited<ReturnType<typeof startHandler>>;
const audit: AuditEvent[] = [];

beforeAll(async () => {
  upstream = await startUpstream(routes);
  proxy = await startHandler(upstream.port, {
    session: (req) => ({ user: 'ada', device: req.headers['x-device'] === 'managed' ? 'managed' : 'unmanaged' }),
    files: { policy },
    audit: (e) => audit.push(e),
  });
});
afterAll(async () => {
  await proxy.close();
  await close(upstream.server);
});

describe('downloads and uploads', () => {
  it('a blocked download holds the message, and the decision is audited', async () => {
    const got = await fetchVia(proxy.port, HOST, '/report.docx');
    expect(got.status).toBe(200);
    expect(got.headers['content-disposition']).toContain('report.docx.blocked.txt');
    expect(got.body.toString()).toContain('Office files stay on managed devices.');
    expect(got.body.includes(docx.subarray(0, 64))).toBe(false);
    expect(audit.at(-1)).toMatchObject({ type: 'file-decision', action: 'block', user: 'ada', device: 'unmanaged', fileName: 'report.docx', url: 'http://files.acme-docs.com/report.docx' });
    const managed = await fetchVia(proxy.port, HOST, '/report.docx', { headers: { 'x-device': 'managed' } });
    expect(managed.body.equals(docx)).toBe(true);
  });

  it('a blocked upload is answered with the message and never reaches upstream', async () => {
    const before = upstream.seen.length;
    const form = formBody({ title: 'Q3' }, [{ name: 'doc', fileName: 'report.docx', type: DOCX, bytes: docx }]);
    const got = await fetchVia(proxy.port, HOST, '/upload', { method: 'POST', body: form.body, headers: { 'content-type': form.type, accept: 'text/html' } });
    expect(got.status).toBe(403);
    expect(got.body.toString()).toContain('Office files stay on managed devices.');
    expect(upstream.seen.length).toBe(before);
  });

  it('a file part announced late in a long upload: the refusal still reaches the browser, upstream gets no request', async () => {
    const classify = recordingClassifier((file) => ({ action: file.extension === 'docx' ? 'block' : 'allow', message: 'No late documents.' }));
    const late = await startHandler(upstream.port, { files: { classifier: classify, limits: { governedBytes: 64 * 1024 } } });
    try {
      const before = upstream.seen.length;
      const form = formBody({}, [{ name: 'big', fileName: 'big.bin', type: 'application/octet-stream', bytes: randomBytes(2 * 1024 * 1024) }, { name: 'doc', fileName: 'late.docx', type: DOCX, bytes: docx }]);
      const got = await fetchVia(late.port, HOST, '/upload', { method: 'POST', body: form.body, headers: { 'content-type': form.type, accept: 'application/json' } });
      expect(got.status).toBe(403);
      expect(JSON.parse(got.body.toString())).toMatchObject({ error: 'upload-blocked', file: 'late.docx', message: 'No late documents.' });
      expect(upstream.seen.length).toBe(before);
    } finally {
      await late.close();
    }
  });
});

describe('session activities', () => {
  it("the page's runtime carries this session's activity controls", async () => {
    const rw = proxy.handler.rewriter;
    const unmanaged = await fetchVia(proxy.port, HOST, '/page', { headers: { 'sec-fetch-dest': 'document' } });
    const expected = runtimeSnippet(runtimeConfigOf(rw, activityControls(policy, { user: 'ada', device: 'unmanaged' })));
    expect(unmanaged.body.toString()).toContain(`<head>${expected}</head>`);
    expect(expected).toContain('Copying is not allowed on this device.');
    const managed = await fetchVia(proxy.port, HOST, '/page', { headers: { 'sec-fetch-dest': 'document', 'x-device': 'managed' } });
    expect(managed.body.toString()).not.toContain('Copying is not allowed on this device.');
    expect(managed.body.toString()).toContain(`<head>${runtimeSnippet(runtimeConfigOf(rw, activityControls(policy, { device: 'managed' })))}</head>`);
  });

  const report = (body: string, headers: Record<string, string> = {}) =>
    fetchVia(proxy.port, HOST, '/__spr/activity', { method: 'POST', body: Buffer.from(body), headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': 'TestBrowser/1.0', ...headers } });

  it('POST /__spr/activity is one audit event with the session, decided by the policy, and never goes upstream', async () => {
    const before = upstream.seen.length;
    audit.length = 0;
    const got = await report(JSON.stringify({ activity: 'copy', url: 'http://files.acme-docs.com.proxy.test/doc/7?x=1', rule: 'No copying on unmanaged devices' }));
    expect(got.status).toBe(204);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      type: 'activity-decision',
      activity: 'copy',
      action: 'block',
      rule: 'No copying on unmanaged devices',
      user: 'ada',
      device: 'unmanaged',
      ip: '127.0.0.1',
      userAgent: 'TestBrowser/1.0',
      appHost: 'files.acme-docs.com',
      url: 'http://files.acme-docs.com/doc/7?x=1',
    });
    // The policy decides what the event says, not the page.
    await report(JSON.stringify({ activity: 'print', url: 'http://files.acme-docs.com.proxy.test/', rule: 'made up' }));
    expect(audit[1]).toMatchObject({ activity: 'print', action: 'monitor', rule: 'Printing is watched' });
    // A URL that is not a proxied page: the event names the host the report came to.
    await report(JSON.stringify({ activity: 'paste', url: 'https://evil.org/', rule: null }));
    expect(audit[2]).toMatchObject({ activity: 'paste', url: null, appHost: 'files.acme-docs.com', action: 'allow' });
    expect(upstream.seen.length).toBe(before);
  });

  it.each([
    ['not JSON', 'copy'],
    ['not an object', '["copy"]'],
    ['an unknown activity', '{"activity":"screenshot","url":"http://files.acme-docs.com.proxy.test/","rule":null}'],
    ['a url that is not a string', '{"activity":"copy","url":7,"rule":null}'],
    ['a rule that is not a string', '{"activity":"copy","url":"http://files.acme-docs.com.proxy.test/","rule":{}}'],
  ])('%s: 400 and no event', async (_name, body) => {
    audit.length = 0;
    expect((await report(body)).status).toBe(400);
    expect(audit).toEqual([]);
  });

  it('a report another site sends (Sec-Fetch-Site): 403 and no event; the page\'s own goes in', async () => {
    audit.length = 0;
    const body = JSON.stringify({ activity: 'copy', url: 'http://files.acme-docs.com.proxy.test/', rule: null });
    expect((await report(body, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await report(body, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect(audit).toEqual([]);
    expect((await report(body, { 'sec-fetch-site': 'same-origin' })).status).toBe(204);
    expect(audit).toHaveLength(1);
  });

  it('a body past the size limit: 413 and no event', async () => {
    audit.length = 0;
    const got = await report(JSON.stringify({ activity: 'copy', url: 'http://files.acme-docs.com.proxy.test/' + 'a'.repeat(64 * 1024), rule: null }));
    expect(got.status).toBe(413);
    expect(audit).toEqual([]);
  });
});
