import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { labelProtector, parsePolicyText, readLabels } from '../../../src/files/index.js';
import { rewriteEntry } from '../../../src/har/session/index.js';
import { entry, header, testRun } from './helpers.js';

// Files in a session go through the classifier as the proxy's gate runs it (DESIGN "Files:
// downloads and uploads", README "Actions"): a blocked download becomes
// `<name>.blocked.txt` reading "Download restricted"; a protected one the protector's
// output; a blocked upload is answered by the proxy with 403 and never reaches upstream.

const fixtures = fileURLToPath(new URL('../../fixtures/files/', import.meta.url));
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const CONFIDENTIAL = { id: '3a8e5b2c-6f41-4d7e-9b1a-0c2d4e6f8a10', siteId: '9f8e7d6c-5b4a-4321-8fed-cba987654321' };
const report = readFileSync(fixtures + 'report.docx');

function policyRun(policy: object, session = {}) {
  const parsed = parsePolicyText(JSON.stringify(policy), 'policy.json');
  return testRun({ files: { policy: parsed, protectors: { label: labelProtector({ labels: parsed.labels }) } }, session });
}

const download = (url = 'https://files.example.com/q/report.docx') =>
  entry({
    url,
    requestHeaders: [['Host', new URL(url).host], ['Sec-Fetch-Dest', 'document'], ['User-Agent', 'Mozilla/5.0 (X11)']],
    headers: [['Content-Type', DOCX], ['Content-Disposition', 'attachment; filename="report.docx"'], ['Content-Length', String(report.length)], ['Set-Cookie', 'seen=1; Domain=.example.com']],
    text: report.toString('base64'),
    encoding: 'base64',
    mimeType: DOCX,
  });

describe('rewriteEntry: files through file control', () => {
  it('gives a blocked download the blocked text file', async () => {
    const run = policyRun({ rules: [{ name: 'No Word off-site', match: { activity: ['download'], fileExtension: ['docx'], location: ['!corporate'] }, action: 'block', message: 'Word files stay at the office.' }] }, { location: ['home'] });
    const out = await rewriteEntry(download(), run);
    expect(out.response.status).toBe(200);
    expect(out.response.content).toEqual({ size: Buffer.byteLength(out.response.content.text as string), mimeType: 'text/plain; charset=utf-8', text: 'Download restricted\nreport.docx\nWord files stay at the office.\n' });
    expect(header(out.response.headers, 'content-type')).toBe('text/plain; charset=utf-8');
    expect(header(out.response.headers, 'content-disposition')).toContain('report.docx.blocked.txt');
    // The rest of the head is the proxy's as ever: the cookie is proxied.
    expect(header(out.response.headers, 'set-cookie')).toBe('seen=1; Domain=.example.com.proxy.test');
    expect(out.request.url).toBe('https://files.example.com.proxy.test/q/report.docx');
    const files = run.stats.summary().files;
    expect(files).toMatchObject({ downloads: 1, uploads: 0, decisions: { allow: 0, monitor: 0, block: 1, protect: 0 } });
    expect(files.list[0]).toMatchObject({ entry: 0, activity: 'download', fileName: 'report.docx', action: 'block', rule: 'No Word off-site', deliveredName: 'report.docx.blocked.txt' });
  });

  it('lets an allowed download through byte for byte, and counts the decision', async () => {
    const run = policyRun({ rules: [{ name: 'Watch Word', match: { fileExtension: ['docx'] }, action: 'monitor' }] });
    const captured = download();
    const out = await rewriteEntry(captured, run);
    expect(out.response.content).toBe(captured.response.content);
    expect(header(out.response.headers, 'content-length')).toBe(String(report.length));
    expect(run.stats.summary().files.decisions).toMatchObject({ monitor: 1 });
  });

  it('gives a protected download the protected bytes as base64', async () => {
    const run = policyRun({ labels: { Confidential: CONFIDENTIAL }, rules: [{ name: 'Label Word', match: { fileExtension: ['docx'] }, action: 'protect', protect: { with: 'label', label: 'Confidential' } }] });
    const out = await rewriteEntry(download(), run);
    expect(out.response.content.encoding).toBe('base64');
    const bytes = Buffer.from(out.response.content.text as string, 'base64');
    expect(out.response.content.size).toBe(bytes.length);
    const labels = await readLabels(new Uint8Array(bytes));
    expect(labels.map((l) => l.id)).toContain(CONFIDENTIAL.id);
    expect(run.stats.summary().files.decisions).toMatchObject({ protect: 1 });
  });

  it('answers a blocked upload with 403, as the proxy does, and never touches a download of a host that is not proxied', async () => {
    const run = policyRun({ rules: [{ name: 'No CSV out', match: { activity: ['upload'], fileExtension: ['csv'] }, action: 'block', message: 'CSV uploads are not allowed.' }] });
    const b = 'xYzBoundary';
    const text = [`--${b}`, 'Content-Disposition: form-data; name="f"; filename="people.csv"', 'Content-Type: text/csv', '', 'name,ssn\nA,123-45-6789', `--${b}--`, ''].join('\r\n');
    const upload = entry({
      method: 'POST',
      url: 'https://app.example.com/import',
      requestHeaders: [['Host', 'app.example.com'], ['Content-Type', `multipart/form-data; boundary=${b}`], ['Accept', 'text/html']],
      postData: { mimeType: `multipart/form-data; boundary=${b}`, text },
      headers: [['Content-Type', 'application/json']],
      text: '{"ok":true}',
    });
    const out = await rewriteEntry(upload, run);
    expect(out.response.status).toBe(403);
    expect(header(out.response.headers, 'content-type')).toBe('text/html; charset=utf-8');
    expect(out.response.content.text).toContain('CSV uploads are not allowed.');
    expect(out.response.content.text).toContain('people.csv');
    expect(out.request.url).toBe('https://app.example.com.proxy.test/import');
    expect(run.stats.summary().files).toMatchObject({ uploads: 1, decisions: { block: 1 } });

    const elsewhere = download('https://files.other.net/report.docx');
    expect(await rewriteEntry(elsewhere, run)).toBe(elsewhere);
    expect(run.stats.summary().files.downloads).toBe(0);
  });
});
