/** The report page's whole style sheet (inline: the page fetches nothing). System fonts only. */
export const REPORT_CSS = `
:root { color-scheme: light dark; --fg: #1d1f23; --muted: #5b6270; --bg: #fff; --panel: #f5f6f8; --line: #dde1e6;
  --bad: #b42318; --bad-bg: #fde8e6; --good: #1a7f37; --good-bg: #e6f4ea; --mark: #ffe58f; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6e8eb; --muted: #9aa3ae; --bg: #16181c; --panel: #1f2228; --line: #343a43;
    --bad: #ff8a80; --bad-bg: #3a1d1b; --good: #7ee2a0; --good-bg: #17301f; --mark: #6b5a12; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1400px; padding: 24px; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 8px; }
h1 .file { font-weight: normal; color: var(--muted); word-break: break-all; }
h2 { font-size: 18px; margin: 32px 0 12px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 4px; }
code { font: 12.5px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.verdict { display: inline-block; padding: 6px 12px; border-radius: 6px; font-weight: 600; margin: 4px 0; }
.verdict.bad { color: var(--bad); background: var(--bad-bg); }
.verdict.good { color: var(--good); background: var(--good-bg); }
.meta, .help, .more, footer { color: var(--muted); }
.count { display: inline-block; min-width: 2em; padding: 0 6px; border-radius: 10px; background: var(--panel);
  border: 1px solid var(--line); font-size: 12px; text-align: center; font-weight: normal; }
table { border-collapse: collapse; }
.numbers th, .counts th { text-align: left; font-weight: normal; color: var(--muted); padding: 2px 16px 2px 0; }
.numbers td, .counts td { text-align: right; font-variant-numeric: tabular-nums; padding: 2px 0; }
.numbers #sum-bodies { text-align: left; }
.columns { display: flex; gap: 48px; flex-wrap: wrap; margin-top: 16px; }
caption { text-align: left; font-weight: 600; padding-bottom: 4px; }
.rows { width: 100%; margin: 8px 0 16px; table-layout: fixed; }
.rows th { text-align: left; font-weight: 600; background: var(--panel); }
.rows th, .rows td { border: 1px solid var(--line); padding: 4px 6px; vertical-align: top; overflow-wrap: anywhere; }
.escapes th:nth-child(1) { width: 16%; } .escapes th:nth-child(2) { width: 7%; } .escapes th:nth-child(3) { width: 13%; }
.escapes th:nth-child(4) { width: 22%; }
.entry .url, .where .type { display: block; color: var(--muted); font-size: 12px; }
.snippet code { white-space: pre-wrap; }
mark { background: var(--mark); color: inherit; padding: 0 1px; }
details { margin: 8px 0 8px 8px; }
summary { cursor: pointer; font-weight: 600; }
.action.block { color: var(--bad); font-weight: 600; }
footer { margin-top: 40px; font-size: 12px; }
`;
