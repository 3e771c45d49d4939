import type { UpstreamPage } from './upstream.js';
import type { Violation } from './violations.js';

/** A violation as a case expects it (the fields that do not depend on the run's port or lines). */
export type ExpectedViolation = Pick<Violation, 'directive' | 'blocked' | 'disposition' | 'element'>;

/** One page under one policy, and what the browser must do with it through the proxy. */
export interface CspCase extends UpstreamPage {
  /** Also the page's path: `/<name>/` on app.example.com. */
  readonly name: string;
  readonly title: string;
  /** What the page's own scripts leave in `window.results` once `done`. */
  readonly results: Readonly<Record<string, unknown>>;
  /** The protected hosts whose `/data` the page's fetches reach (through the proxy, mapped back). */
  readonly fetched: readonly string[];
  /** `{twin}` stands for the twin URL of `http://<sub>.example.com` (`{twin:api}`), `{nonce}` for the proxy's nonce. */
  readonly violations: readonly ExpectedViolation[];
  /** The policy headers the browser must get, by name, `{nonce}` and `{port}` filled in. */
  readonly policies: Readonly<Record<string, string>>;
  /**
   * Directives of the violations whose source location is the runtime's code: the page's
   * own calls through its wrappers (a fetch the policy blocks, a Trusted Types sink that
   * refuses a string), reported at the wrapper, the top frame of the call.
   */
  readonly raisedInRuntime?: readonly string[];
  /** Other paths the page (or the browser for it) requests: each must reach the proxy, on the twin of `<sub>.example.com` only. */
  readonly proxied?: Readonly<Record<string, string>>;
  /** Copy the page's text (blocked by the proxy's policy): the runtime's activity event must reach the proxy. */
  readonly copy?: boolean;
  /** A defect this case shows and the project has not fixed yet: the test is expected to fail until it is. */
  readonly knownGap?: string;
}

/**
 * The page's own script: URLs of protected hosts built at run time from pieces no static
 * rewrite can see, fetched; each result `ok <host that answered>` or `failed <error>`.
 */
export function fetchScript(fetches: Readonly<Record<string, string>>, extra = ''): string {
  return `const dom = ['exa', 'mple', '.', 'com'].join('');
const at = (sub, path) => 'http://' + sub + '.' + dom + path;
const results = (window.results ||= {});
results.appRan = true;
const get = (name, url) => fetch(url).then((r) => r.json()).then((j) => { results[name] = 'ok ' + j.served; }, (e) => { results[name] = 'failed ' + e.name; });
${extra}
Promise.all([${Object.entries(fetches).map(([name, sub]) => `get(${JSON.stringify(name)}, at(${JSON.stringify(sub)}, '/data'))`).join(', ')}]).then(() => { results.done = true; });
`;
}

/** An inline script of the page itself, without a nonce: a policy without 'unsafe-inline' blocks it. */
const PAGE_INLINE = `<script id="page-inline">(window.results ||= {}).inlineRan = true;</script>`;
const INLINE_BLOCKED: ExpectedViolation = { directive: 'script-src-elem', blocked: 'inline', disposition: 'enforce', element: 'page-inline' };
const APP = '<script src="app.js"></script>';
const NONCE = "'nonce-{nonce}'";

/** The usual page: its script in the head fetches the API, an inline script of its own in the body is blocked. */
const API_PAGE = {
  head: APP,
  body: PAGE_INLINE,
  scripts: { 'app.js': fetchScript({ api: 'api' }) },
  results: { appRan: true, api: 'ok api', done: true },
  fetched: ['api.example.com'],
  violations: [INLINE_BLOCKED],
} as const satisfies Partial<CspCase>;

/**
 * Trusted Types sinks a page reaches with values of its own policy `page`, each result
 * `ok` or the error's name: a same-origin script URL (the runtime leaves it as it is),
 * script URLs and markup naming a protected host, and a plain string to a sink.
 */
const TRUSTED_TYPES_PROBES = `const policy = trustedTypes.createPolicy('page', { createHTML: (s) => s, createScriptURL: (s) => s });
const probe = (name, run) => { try { run(); results[name] = 'ok'; } catch (e) { results[name] = e.name; } };
const box = document.documentElement.appendChild(document.createElement('div'));
const script = (src) => document.head.append(Object.assign(document.createElement('script'), { src }));
probe('localScriptUrl', () => script(policy.createScriptURL('local.js')));
probe('protectedScriptUrl', () => script(policy.createScriptURL(at('app', '/trusted-types/lib.js'))));
probe('protectedSetAttribute', () => document.createElement('script').setAttribute('src', policy.createScriptURL(at('static', '/attr.js'))));
probe('stringHtml', () => { box.innerHTML = '<b>plain</b>'; });
probe('protectedImage', () => { new Image().src = at('static', '/image.png'); });
probe('protectedWorker', () => new Worker(policy.createScriptURL(at('app', '/trusted-types/worker.js'))));
`;

/**
 * TrustedHTML of the page's own policy `page` naming a protected host, given to innerHTML,
 * insertAdjacentHTML, document.write and an iframe's srcdoc (a whole document); and what
 * the policy returns: the page's string where nothing names a protected host, the twin's
 * URL where one does, a document's doctype and body attributes kept (HTML serialization).
 */
const TRUSTED_HTML_PROBES = `const policy = trustedTypes.createPolicy('page', { createHTML: (s) => s });
const img = (path) => '<img src="' + at('static', path) + '">';
const twinImg = (path) => img(path).replace(dom, dom + '.proxy.test:' + location.port);
const box = () => document.documentElement.appendChild(document.createElement('div'));
box().innerHTML = policy.createHTML(img('/inner.png'));
box().insertAdjacentHTML('beforeend', policy.createHTML(img('/adjacent.png')));
document.write(policy.createHTML(img('/write.png')));
const frame = document.createElement('iframe');
frame.srcdoc = policy.createHTML('<!doctype html><html><body>' + img('/srcdoc.png') + '</body></html>');
document.documentElement.appendChild(frame);
results.plainKept = String(policy.createHTML('<p title="x">plain</p>')) === '<p title="x">plain</p>';
results.twinMarkup = String(policy.createHTML(img('/unused.png'))) === twinImg('/unused.png');
results.documentKept = String(policy.createHTML('<!doctype html><html><body data-x="k">' + img('/unused.png') + '</body></html>'))
  === '<!DOCTYPE html><html><head></head><body data-x="k">' + twinImg('/unused.png') + '</body></html>';
`;

export const CSP_CASES: readonly CspCase[] = [
  {
    name: 'script-self',
    title: "header script-src 'self'",
    headers: { 'content-security-policy': "script-src 'self'" },
    ...API_PAGE,
    policies: { 'content-security-policy': `script-src 'self' ${NONCE}` },
  },
  {
    name: 'nonce-strict-dynamic',
    title: "header script-src 'nonce-PAGE' 'strict-dynamic'",
    headers: { 'content-security-policy': "script-src 'nonce-PAGE' 'strict-dynamic'" },
    head: '<script nonce="PAGE" src="app.js"></script>',
    body: `<script nonce="PAGE" id="page-nonced">(window.results ||= {}).noncedRan = true;</script>\n${PAGE_INLINE}`,
    scripts: {
      // 'strict-dynamic': a script the trusted one adds runs without a nonce of its own.
      'app.js': fetchScript({ api: 'api' }, "document.head.append(Object.assign(document.createElement('script'), { src: 'dynamic.js' }));"),
      'dynamic.js': 'window.results.dynamicRan = true;',
    },
    results: { appRan: true, noncedRan: true, dynamicRan: true, api: 'ok api', done: true },
    fetched: ['api.example.com'],
    violations: [INLINE_BLOCKED],
    policies: { 'content-security-policy': `script-src 'nonce-PAGE' 'strict-dynamic' ${NONCE}` },
  },
  {
    name: 'default-self',
    title: "header default-src 'self' only",
    headers: { 'content-security-policy': "default-src 'self'" },
    head: APP,
    body: PAGE_INLINE,
    // The app's own host is 'self' (its twin is the page's origin); the API is not, as on the real site.
    scripts: { 'app.js': fetchScript({ app: 'app', api: 'api' }) },
    results: { appRan: true, app: 'ok app', api: 'failed TypeError', done: true },
    fetched: ['app.example.com'],
    violations: [INLINE_BLOCKED, { directive: 'connect-src', blocked: '{twin:api}/data', disposition: 'enforce', element: null }],
    raisedInRuntime: ['connect-src'],
    policies: { 'content-security-policy': `default-src 'self' ${NONCE}` },
  },
  {
    name: 'unsafe-inline',
    title: "header script-src 'self' 'unsafe-inline' (no nonce: one would switch 'unsafe-inline' off)",
    headers: { 'content-security-policy': "script-src 'self' 'unsafe-inline'" },
    ...API_PAGE,
    results: { appRan: true, inlineRan: true, api: 'ok api', done: true },
    violations: [],
    policies: { 'content-security-policy': "script-src 'self' 'unsafe-inline'" },
  },
  {
    name: 'two-policies',
    title: "two enforced headers, script-src-elem 'self' and default-src 'self' http://api.example.com",
    headers: { 'content-security-policy': ["script-src-elem 'self'", "default-src 'self' http://api.example.com"] },
    ...API_PAGE,
    // Both policies block the page's inline script (one event each, alike).
    // Playwright joins repeated headers with ', ': for CSP the same policies (CSP3 §3.1).
    policies: { 'content-security-policy': `script-src-elem 'self' ${NONCE}, default-src 'self' http://api.example.com.proxy.test:{port} ${NONCE}` },
  },
  {
    name: 'meta-policy',
    title: '<meta http-equiv> script-src \'self\' (charset in the header)',
    headers: {},
    ...API_PAGE,
    head: `<meta http-equiv="Content-Security-Policy" content="script-src 'self'">\n${APP}`,
    policies: {},
  },
  {
    name: 'meta-policy-before-charset',
    title: '<meta http-equiv> script-src \'self\' before <meta charset> (no charset in the header)',
    headers: {},
    contentType: 'text/html',
    ...API_PAGE,
    head: `<meta http-equiv="Content-Security-Policy" content="script-src 'self'">\n<meta charset="utf-8">\n${APP}`,
    policies: {},
  },
  {
    name: 'report-only',
    title: 'Content-Security-Policy-Report-Only plus an enforced policy',
    headers: { 'content-security-policy': "script-src 'self'", 'content-security-policy-report-only': "script-src 'self'; connect-src 'self'; report-uri http://api.example.com/csp-report" },
    ...API_PAGE,
    violations: [
      INLINE_BLOCKED,
      { ...INLINE_BLOCKED, disposition: 'report' },
      { directive: 'connect-src', blocked: '{twin:api}/data', disposition: 'report', element: null },
    ],
    raisedInRuntime: ['connect-src'],
    policies: { 'content-security-policy': `script-src 'self' ${NONCE}`, 'content-security-policy-report-only': `script-src 'self' ${NONCE}; connect-src 'self'; report-uri http://api.example.com.proxy.test:{port}/csp-report` },
    // The browser's violation reports go to the twin of the report-uri host.
    proxied: { '/csp-report': 'api' },
  },
  {
    name: 'connect-src',
    title: "header connect-src 'self' http://api.example.com, and the activity beacon",
    headers: { 'content-security-policy': "connect-src 'self' http://api.example.com" },
    head: APP,
    body: '<p id="secret">Secret text</p>',
    scripts: { 'app.js': fetchScript({ api: 'api', other: 'other' }) },
    results: { appRan: true, api: 'ok api', other: 'failed TypeError', done: true },
    fetched: ['api.example.com'],
    violations: [{ directive: 'connect-src', blocked: '{twin:other}/data', disposition: 'enforce', element: null }],
    raisedInRuntime: ['connect-src'],
    copy: true,
    policies: { 'content-security-policy': "connect-src 'self' http://api.example.com.proxy.test:{port}" },
  },
  {
    name: 'trusted-types',
    title: "header require-trusted-types-for 'script' with the page's own policy",
    headers: { 'content-security-policy': "require-trusted-types-for 'script'; trusted-types page" },
    head: APP,
    body: '<p>app</p>',
    scripts: { 'app.js': fetchScript({ api: 'api' }, TRUSTED_TYPES_PROBES), 'local.js': 'window.results.localRan = true;', 'lib.js': 'window.libRan = true;', 'worker.js': '' },
    // The runtime loads, fetch and img.src are mapped, a same-origin trusted script URL is left as the page made it, and
    // one naming a protected host is the twin's from its making (the policy's createScriptURL): the sinks take it.
    // As on the real site: a plain string to innerHTML is refused.
    results: { appRan: true, localScriptUrl: 'ok', localRan: true, protectedScriptUrl: 'ok', protectedSetAttribute: 'ok', stringHtml: 'TypeError', protectedImage: 'ok', protectedWorker: 'ok', api: 'ok api', done: true },
    fetched: ['api.example.com'],
    violations: [{ directive: 'require-trusted-types-for', blocked: 'trusted-types-sink', disposition: 'enforce', element: null }],
    policies: { 'content-security-policy': "require-trusted-types-for 'script'; trusted-types page" },
    raisedInRuntime: ['require-trusted-types-for'],
    proxied: { '/image.png': 'static', '/trusted-types/local.js': 'app', '/trusted-types/lib.js': 'app', '/trusted-types/worker.js': 'app' },
  },
  {
    name: 'trusted-html',
    title: "header require-trusted-types-for 'script': TrustedHTML naming a protected host, to each kind of sink",
    headers: { 'content-security-policy': "require-trusted-types-for 'script'; trusted-types page" },
    head: APP,
    body: '<p>app</p>',
    scripts: { 'app.js': fetchScript({}, TRUSTED_HTML_PROBES) },
    results: { appRan: true, plainKept: true, twinMarkup: true, documentKept: true, done: true },
    fetched: [],
    violations: [],
    policies: { 'content-security-policy': "require-trusted-types-for 'script'; trusted-types page" },
    // Each image loads from the proxy on the static host's twin (the srcdoc one in a document of its own).
    proxied: { '/inner.png': 'static', '/adjacent.png': 'static', '/write.png': 'static', '/srcdoc.png': 'static' },
  },
];
