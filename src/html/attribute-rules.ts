import type { RewriteContext } from '../context.js';
import type { CodeView } from './code-view.js';
import { rewriteHandler, rewriteJavascriptUrlValue, rewriteJsonValue, rewriteStyle } from './inline-code.js';
import { mayRewriteCss } from '../css/index.js';
import { rewriteCsp, rewriteFeaturePolicy, rewriteLink } from '../headers/index.js';
import { frameworkKind, type FrameworkKind } from './framework-attributes.js';
import { rewriteCodeValue, rewriteInterpolated, rewriteJsonOrCodeValue, rewriteMembersValue } from './framework-code.js';
import { rewriteRefresh } from './meta-refresh.js';
import { rewriteSrcset } from './srcset.js';
import { isUrlReferenceAttribute, urlAttributeKind } from './url-attributes.js';

/** What an attribute rule needs besides the host rules: a way to rewrite a nested document. */
export interface AttributeRuleContext {
  readonly ctx: RewriteContext;
  /** Rewrites a whole HTML document held in an attribute (`srcdoc`). */
  rewriteDocument(html: string): string;
  /** Legacy multi-byte charsets: code values (`on*`, `style`, JSON, `javascript:`) seen as real text. */
  readonly codeView?: CodeView | null;
}

/** `run` on a code value, through the charset's code view when there is one. */
function code(rc: AttributeRuleContext, value: string, run: (text: string) => string): string {
  const view = rc.codeView;
  return view ? view.rewrite(rc.ctx, value, run) : run(value);
}

// Whitespace here is HTML's (ASCII): in byte mode 0xA0 is a byte of a UTF-8 sequence, not a space.
const JAVASCRIPT_URL = /^[\x00-\x20]*javascript:/i;
const ABSOLUTE_URL = /^[\t\n\f\r ]*(?:(?:https?|wss?):)?\/\/[^\t\n\f\r ]*[\t\n\f\r ]*$/i;
const JSON_LIKE = /^[\t\n\f\r ]*[[{][\s\S]*[\]}][\t\n\f\r ]*$/;

/** A value in a URL position: rules 1 and 2, and the JS rules for `javascript:` URLs. */
export function rewriteUrl(ctx: RewriteContext, value: string): string {
  if (JAVASCRIPT_URL.test(value)) return rewriteJavascriptUrlValue(ctx, value);
  return ctx.hosts.url(value);
}

function rewriteUrlList(ctx: RewriteContext, value: string): string {
  return value.replace(/[^\t\n\f\r ]+/g, (u) => rewriteUrl(ctx, u));
}

/**
 * Whether a value (or a whole tag) may need a rule: the text scan's precheck (what the
 * code rules need), the URL rule's sound one (a host spelled only for the parser,
 * `%61cme` or full-width letters, has no host text) and the CSS one (escapes such as
 * `\2e ` in `style`); the last also passes every non-ASCII character, which in the byte
 * view of a legacy charset may be half of a full-width letter (the rules see values
 * decoded in the page's charset and decide exactly).
 */
export function mayNeedRules(ctx: RewriteContext, text: string): boolean {
  return mayRewriteCss(ctx, text) || ctx.hosts.mayRewriteUrl(text);
}

/**
 * The new decoded value of attribute `name` (lower case, prefix included) on `element`,
 * or `value` itself when nothing changes. `httpEquiv` is the lower-cased `http-equiv` of
 * a `<meta>`, which decides what its `content` holds.
 */
export function rewriteAttribute(rc: AttributeRuleContext, element: string, name: string, value: string, httpEquiv: string | null): string {
  const ctx = rc.ctx;
  if (value.length === 0 || !mayNeedRules(ctx, value)) return value;
  if (name.length > 2 && name.charCodeAt(0) === 0x6f && name.charCodeAt(1) === 0x6e) return code(rc, value, (v) => rewriteHandler(ctx, v));
  if (name === 'style') return code(rc, value, (v) => rewriteStyle(ctx, v));
  if (name === 'srcdoc') return rc.rewriteDocument(value);
  const kind = urlAttributeKind(name);
  if (kind === 'url') return JAVASCRIPT_URL.test(value) ? code(rc, value, (v) => rewriteJavascriptUrlValue(ctx, v)) : ctx.hosts.url(value);
  if (kind === 'url-list') return rewriteUrlList(ctx, value);
  if (kind === 'srcset') return rewriteSrcset(value, (u) => rewriteUrl(ctx, u));
  if (element === 'meta' && name === 'content' && httpEquiv !== null) {
    if (httpEquiv === 'refresh') return rewriteRefresh(value, (u) => rewriteUrl(ctx, u));
    if (httpEquiv === 'content-security-policy' || httpEquiv === 'content-security-policy-report-only') return rewriteCsp(ctx, value);
    // Link-header syntax (`<https://…>; rel=preload`), not one URL.
    if (httpEquiv === 'link') return rewriteLink(ctx, value);
  }
  if (element === 'iframe') {
    // Permissions-Policy container syntax (`camera https://app.example.com; microphone 'self'`).
    if (name === 'allow') return rewriteFeaturePolicy(ctx, value);
    // CSP Embedded Enforcement: the policy the embedded document must accept.
    if (name === 'csp') return rewriteCsp(ctx, value);
  }
  const framework = frameworkKind(name);
  if (framework !== undefined) return rewriteFramework(rc, framework, value);
  // A presentation attribute is a CSS value: `url(…)` (any case, escaped or quoted) by the CSS rules.
  if (isUrlReferenceAttribute(name)) return code(rc, value, (v) => rewriteStyle(ctx, v));
  // Any other attribute: a whole absolute URL (data-src, og:url content) or JSON (rule 3).
  if (ABSOLUTE_URL.test(value)) return ctx.hosts.url(value);
  if (JSON_LIKE.test(value)) return code(rc, value, (v) => rewriteJsonValue(ctx, v));
  return value;
}

/** A framework attribute (framework-attributes.ts): code by the JS rules, URLs by the URL rules. */
function rewriteFramework(rc: AttributeRuleContext, kind: FrameworkKind, value: string): string {
  const ctx = rc.ctx;
  switch (kind) {
    case 'url': return rewriteUrl(ctx, value);
    case 'code': return code(rc, value, (v) => rewriteCodeValue(ctx, v));
    case 'members': return code(rc, value, (v) => rewriteMembersValue(ctx, v));
    case 'json-or-code': return code(rc, value, (v) => rewriteJsonOrCodeValue(ctx, v));
    case 'interpolated-url': return code(rc, value, (v) => rewriteInterpolated(ctx, v, (u) => rewriteUrl(ctx, u)));
    case 'interpolated-srcset': return code(rc, value, (v) => rewriteInterpolated(ctx, v, (s) => rewriteSrcset(s, (u) => rewriteUrl(ctx, u))));
    case 'interpolated': return code(rc, value, (v) => rewriteInterpolated(ctx, v, (t) => t));
  }
}
