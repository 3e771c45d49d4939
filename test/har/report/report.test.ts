import { describe, expect, it } from 'vitest';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { auditEntries } from '../../../src/har/audit/index.js';
import { auditReportHtml, auditReportJson, escapeHtml } from '../../../src/har/report/index.js';
import { harEntry, PROTECTED } from '../audit/entries.js';
import { sampleResult } from './sample.js';

type Node = DefaultTreeAdapterMap['node'];

const context = {
  file: 'session <1>.har', ...PROTECTED, generatedAt: new Date('2026-12-01T00:00:00Z'),
  files: [{ entry: 7, activity: 'download', url: 'https://app.example.com/r.docx', fileName: 'r<1>.docx', action: 'block', rule: 'No SSNs', reason: 'content', deliveredName: 'r.docx.blocked.txt' }],
};

describe('auditReportJson', () => {
  it('holds the summary, the escapes, the files and decisions', async () => {
    const result = await sampleResult();
    const report = auditReportJson(result, context);
    expect(report).toMatchObject({ tool: 'spr audit', file: 'session <1>.har', clean: false, generatedAt: '2026-12-01T00:00:00.000Z', domains: PROTECTED.domains });
    expect(report.summary).toMatchObject({ entries: 4, proxied: 3, escapes: 3, entriesWithEscapes: 2 });
    expect(report.summary.byKind).toMatchObject({ 'js-string': 1, 'request-url': 1, header: 1 });
    expect(report.files).toEqual({ decisions: { block: 1 }, list: context.files });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('auditReportHtml', () => {
  it('is one page with no script, no external resource, and every captured text escaped', async () => {
    const html = auditReportHtml(await sampleResult(), context);
    const doc = parse(html);
    const elements: DefaultTreeAdapterMap['element'][] = [];
    const walk = (n: Node) => {
      if ('tagName' in n) elements.push(n);
      if ('childNodes' in n) n.childNodes.forEach(walk);
    };
    walk(doc);
    const tags = new Set(elements.map((e) => e.tagName));
    for (const tag of ['script', 'img', 'link', 'iframe', 'object', 'embed', 'base', 'form']) expect(tags.has(tag), tag).toBe(false);
    // No attribute that could fetch or run anything.
    for (const e of elements) for (const a of e.attrs) expect(a.name.startsWith('on') || a.name === 'src', `${e.tagName}[${a.name}]`).toBe(false);
    for (const e of elements.filter((el) => el.tagName === 'a')) expect(e.attrs.find((a) => a.name === 'href')?.value).toMatch(/^#/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).toContain('session &lt;1&gt;.har');
    expect(html).toContain('r&lt;1&gt;.docx');
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
  });

  it('says so when there is nothing', async () => {
    const clean = await auditEntries([{ index: 0, entry: harEntry({ text: '<a href="/x">x</a>' }) }], PROTECTED);
    const html = auditReportHtml(clean, { ...PROTECTED });
    expect(html).toContain('No escapes in 1 proxied entries.');
    expect(html).toContain('<p>None.</p>');
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and quoted attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});
