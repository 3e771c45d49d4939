import { ESCAPE_KINDS, positionOf, type AuditResult, type Escape, type EscapeKind } from '../audit/index.js';
import { auditReportJson, type AuditReport, type AuditReportContext, type ReportFileDecision } from './audit-report.js';
import { escapeHtml, escapeWithMark, formatCount } from './html-text.js';
import { REPORT_CSS } from './report-css.js';

/** Rows shown per host group; the rest are counted (`--json` has them all). */
const ROWS_PER_GROUP = 500;
const NOTES_SHOWN = 200;
const FILES_SHOWN = 1000;
/** Entry URLs are shown up to this many characters (the JSON report has them whole). */
const URL_CHARS = 160;

/** What each kind of escape is, for the reader. */
const KIND_HELP: Readonly<Record<EscapeKind, string>> = {
  'request-url': 'The browser requested the protected host itself: the entry went around the proxy.',
  'request-header': 'A request header (Host, :authority, Origin, Referer) names the protected host.',
  redirect: 'The HAR redirectURL sends the browser to the protected host.',
  header: 'A response header (Location, Link, Refresh, CSP, Access-Control-Allow-Origin, …) names the protected host.',
  'cookie-domain': 'A cookie is set for the protected domain: the browser refuses it on the proxied host, or sends it upstream.',
  'html-attr': 'A URL attribute of HTML, SVG or MathML (href, src, srcset, action, meta refresh, …).',
  'css-url': 'A CSS url(), @import or image-set() in a stylesheet, a <style> or a style attribute.',
  'js-string': 'A URL in a JavaScript string or template (scripts, on* handlers, javascript: URLs).',
  'json-string': 'A URL in a JSON string (JSON bodies, JSON scripts such as import maps, JSON attributes).',
  'xml-text': 'Element text that is one URL in an XML document (a feed or sitemap link).',
};

/**
 * The audit as ONE self-contained HTML page a person reads: a summary (entries, escapes by
 * kind and by host, files and decisions when given) and the escapes grouped by kind and
 * host with their snippets. Inline CSS only: no script, no image, no font, nothing
 * fetched; a Content-Security-Policy of `default-src 'none'` makes sure of it. Every text
 * from the capture is HTML-escaped.
 */
export function auditReportHtml(result: AuditResult, context: AuditReportContext): string {
  const report = auditReportJson(result, context);
  const title = `spr audit${report.file ? `: ${report.file}` : ''}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} (${report.summary.escapes === 1 ? '1 escape' : `${formatCount(report.summary.escapes)} escapes`})</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${header(report)}
${summary(report)}
${files(report)}
${escapes(report)}
${notes(report)}
<footer>Made by <code>spr audit</code> (session-proxy-rewriter). An escape is a protected host in a URL position that is not its proxied twin: one is enough for the browser to leave the proxy.</footer>
</body>
</html>
`;
}

function header(r: AuditReport): string {
  const verdict = r.clean
    ? `<p class="verdict good" id="verdict">No escapes in ${formatCount(r.summary.proxied)} proxied entries.</p>`
    : `<p class="verdict bad" id="verdict">${formatCount(r.summary.escapes)} escape${r.summary.escapes === 1 ? '' : 's'} in ${formatCount(r.summary.entriesWithEscapes)} of ${formatCount(r.summary.proxied)} proxied entries.</p>`;
  return `<header>
<h1>Escape audit${r.file ? ` <span class="file">${escapeHtml(r.file)}</span>` : ''}</h1>
${verdict}
<p class="meta">Protected: ${r.domains.map((d) => `<code>${escapeHtml(d)}</code>`).join(' ')} · proxy suffix <code>${escapeHtml(r.suffix)}</code> · ${escapeHtml(r.generatedAt)}</p>
</header>`;
}

function summary(r: AuditReport): string {
  const s = r.summary;
  const bodies = Object.entries(s.bodies).map(([k, n]) => `${escapeHtml(k)} ${formatCount(n ?? 0)}`).join(', ') || 'none';
  const kinds = ESCAPE_KINDS.filter((k) => s.byKind[k] > 0);
  const hosts = Object.entries(s.byHost);
  return `<section id="summary">
<h2>Summary</h2>
<table class="numbers">
<tr><th>Entries</th><td id="sum-entries">${formatCount(s.entries)}</td></tr>
<tr><th>Through the proxy</th><td id="sum-proxied">${formatCount(s.proxied)}</td></tr>
<tr><th>Escapes</th><td id="sum-escapes">${formatCount(s.escapes)}</td></tr>
<tr><th>Entries with escapes</th><td id="sum-entries-with-escapes">${formatCount(s.entriesWithEscapes)}</td></tr>
<tr><th>Bodies</th><td id="sum-bodies">${bodies}</td></tr>
</table>
<div class="columns">
<table class="counts" id="by-kind"><caption>Escapes by kind</caption>
${kinds.length === 0 ? '<tr><td>none</td></tr>' : kinds.map((k) => `<tr><th><a href="#kind-${k}">${k}</a></th><td>${formatCount(s.byKind[k])}</td></tr>`).join('\n')}
</table>
<table class="counts" id="by-host"><caption>Escapes by host</caption>
${hosts.length === 0 ? '<tr><td>none</td></tr>' : hosts.map(([h, n]) => `<tr><th><code>${escapeHtml(h)}</code></th><td>${formatCount(n)}</td></tr>`).join('\n')}
</table>
</div>
</section>`;
}

function files(r: AuditReport): string {
  if (r.files === null) return '';
  const decisions = Object.entries(r.files.decisions);
  const list = r.files.list.slice(0, FILES_SHOWN);
  const row = (f: ReportFileDecision) =>
    `<tr><td>#${f.entry}</td><td>${escapeHtml(f.activity)}</td><td><code>${escapeHtml(f.fileName)}</code></td><td class="action ${escapeHtml(f.action)}">${escapeHtml(f.action)}</td><td>${escapeHtml(f.rule ?? '(default)')}</td><td>${escapeHtml(f.reason)}</td></tr>`;
  return `<section id="files">
<h2>Files and decisions</h2>
<p id="file-decisions">${decisions.length === 0 ? 'No files.' : decisions.map(([a, n]) => `${escapeHtml(a)} ${formatCount(n)}`).join(' · ')}</p>
${list.length === 0 ? '' : `<table class="rows"><thead><tr><th>Entry</th><th>Activity</th><th>File</th><th>Action</th><th>Rule</th><th>Reason</th></tr></thead><tbody>
${list.map(row).join('\n')}
</tbody></table>`}
${r.files.list.length > list.length ? `<p class="more">… and ${formatCount(r.files.list.length - list.length)} more.</p>` : ''}
</section>`;
}

function escapes(r: AuditReport): string {
  if (r.escapes.length === 0) return `<section id="escapes"><h2>Escapes</h2><p>None.</p></section>`;
  const sections: string[] = [];
  for (const kind of ESCAPE_KINDS) {
    const ofKind = r.escapes.filter((e) => e.kind === kind);
    if (ofKind.length === 0) continue;
    const byHost = new Map<string, Escape[]>();
    for (const e of ofKind) {
      const list = byHost.get(e.host);
      if (list === undefined) byHost.set(e.host, [e]);
      else list.push(e);
    }
    const groups = [...byHost].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    sections.push(`<section class="kind" id="kind-${kind}">
<h3>${kind} <span class="count">${formatCount(r.summary.byKind[kind])}</span></h3>
<p class="help">${escapeHtml(KIND_HELP[kind])}</p>
${groups.map(([host, list]) => group(host, list)).join('\n')}
</section>`);
  }
  const cut = r.listTruncated ? `<p class="more">The list stops at ${formatCount(r.escapes.length)} escapes; the counts above are complete.</p>` : '';
  return `<section id="escapes">\n<h2>Escapes</h2>\n${cut}\n${sections.join('\n')}\n</section>`;
}

function group(host: string, list: readonly Escape[]): string {
  const shown = list.slice(0, ROWS_PER_GROUP);
  const rows = shown.map((e) => `<tr>
<td class="entry">#${e.entry}<span class="url">${escapeHtml(shorten(e.url, URL_CHARS))}</span></td>
<td class="position">${e.line === undefined ? '—' : escapeHtml(positionOf(e))}</td>
<td class="where"><code>${escapeHtml(e.where)}</code>${e.contentType ? `<span class="type">${escapeHtml(e.contentType)}</span>` : ''}</td>
<td class="value"><code>${escapeWithMark(e.value, e.host)}</code></td>
<td class="snippet"><code>${escapeWithMark(e.snippet, e.host)}</code></td>
</tr>`);
  return `<details open>
<summary><code>${escapeHtml(host)}</code> <span class="count">${formatCount(list.length)}</span></summary>
<table class="rows escapes"><thead><tr><th>Entry</th><th>Position</th><th>Where</th><th>Value</th><th>Snippet</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
${list.length > shown.length ? `<p class="more">… and ${formatCount(list.length - shown.length)} more (the JSON report has them all).</p>` : ''}
</details>`;
}

function notes(r: AuditReport): string {
  const all = [...r.readerProblems.map((m) => ({ entry: null as number | null, message: m })), ...r.notes];
  if (all.length === 0) return '';
  const shown = all.slice(0, NOTES_SHOWN);
  return `<section id="notes">
<h2>Notes</h2>
<p class="help">What the audit could read only in part, and oddities of the capture.</p>
<ul>
${shown.map((n) => `<li>${n.entry === null ? '' : `#${n.entry}: `}${escapeHtml(n.message)}</li>`).join('\n')}
</ul>
${all.length > shown.length ? `<p class="more">… and ${formatCount(all.length - shown.length)} more.</p>` : ''}
</section>`;
}

function shorten(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
