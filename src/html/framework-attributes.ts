/**
 * Attributes that in-DOM template frameworks read as code or URLs, by name (lower case,
 * as the HTML parser gives it). Each class is what the framework's documentation says
 * the attribute holds:
 *
 * - Vue (vuejs.org, "Template Syntax", "Built-in Directives"): every `v-` directive's
 *   value is a JavaScript expression (`v-on` also statements, `v-for` `item in items`,
 *   `v-slot` a parameter pattern); `:x`, `.x`, `@x` and `#x` are the shorthands of
 *   `v-bind:x`, `v-bind:x.prop`, `v-on:x` and `v-slot:x`.
 * - Alpine (alpinejs.dev, "Directives"): `x-data`, `x-init`, `x-show`, `x-bind`,
 *   `x-on`, `x-text`, `x-html`, `x-model`, `x-modelable`, `x-for`, `x-effect`, `x-if`,
 *   `x-id` (and the Intersect plugin's `x-intersect`) hold JavaScript; `:` and `@` as
 *   in Vue. The others hold class lists, selectors or names.
 * - AngularJS (docs.angularjs.org, "Expressions", "Interpolation"): `ng-` directives
 *   hold Angular expressions (JavaScript-like, `;` between statements, `|` filters), also
 *   spelled `data-ng-`, `x-ng-`, `ng:` and `ng_`; `ng-href`, `ng-src`, `ng-srcset` and
 *   `ng-attr-*` are text with `{{ }}` expressions, a URL for the first three.
 * - Knockout (knockoutjs.com, "The data-bind syntax"): `data-bind` is the inside of an
 *   object literal, `name: expression, …`.
 * - htmx (htmx.org, "Reference"): `hx-get`, `hx-post`, `hx-put`, `hx-delete`,
 *   `hx-patch`, `hx-push-url`, `hx-replace-url` and the `ws-connect`/`sse-connect`
 *   extensions hold a URL; `hx-vals` and `hx-headers` JSON, or after `js:` /
 *   `javascript:` an expression; `hx-vars` `name: expression` pairs; `hx-on*` code.
 *   Each also with a `data-` prefix.
 */

/** What a framework attribute holds. */
export type FrameworkKind =
  /** One URL. */
  | 'url'
  /** A JavaScript expression, or statements. */
  | 'code'
  /** The members of an object literal without its braces (`a: 1, b: f()`). */
  | 'members'
  /** JSON, or `js:` / `javascript:` and an expression (members without braces too). */
  | 'json-or-code'
  /** Text with `{{ expression }}` parts that is a URL once interpolated. */
  | 'interpolated-url'
  /** The same for a `srcset`. */
  | 'interpolated-srcset'
  /** Any other text with `{{ expression }}` parts. */
  | 'interpolated';

const ALPINE = new Set(['x-data', 'x-init', 'x-show', 'x-bind', 'x-on', 'x-text', 'x-html', 'x-model', 'x-modelable', 'x-for', 'x-effect', 'x-if', 'x-id', 'x-intersect']);

const HTMX: ReadonlyMap<string, FrameworkKind> = new Map<string, FrameworkKind>([
  ['hx-get', 'url'], ['hx-post', 'url'], ['hx-put', 'url'], ['hx-delete', 'url'], ['hx-patch', 'url'],
  ['hx-push-url', 'url'], ['hx-replace-url', 'url'], ['ws-connect', 'url'], ['sse-connect', 'url'],
  ['hx-vals', 'json-or-code'], ['hx-headers', 'json-or-code'], ['hx-vars', 'members'],
]);

/** AngularJS directives whose value is not an expression (a module or controller name, flags). */
const NG_NOT_CODE = new Set(['ng-app', 'ng-csp', 'ng-jq', 'ng-strict-di', 'ng-non-bindable', 'ng-cloak', 'ng-transclude', 'ng-form', 'ng-view', 'ng-controller']);

const NG_URL: Record<string, FrameworkKind> = { 'ng-href': 'interpolated-url', 'ng-src': 'interpolated-url', 'ng-srcset': 'interpolated-srcset' };

/** Attributes whose `ng-attr-` form is a URL (or a `srcset`) once interpolated. */
const URL_TARGETS = new Set(['href', 'src', 'action', 'formaction', 'poster', 'data', 'xlink-href', 'cite', 'background']);

/** The AngularJS spelling of `name` (`data-ng-click`, `x-ng:click`, `ng_click` → `ng-click`), or null. */
function angularName(name: string): string | null {
  let n = name;
  if (n.startsWith('data-')) n = n.slice(5);
  else if (n.startsWith('x-')) n = n.slice(2);
  if (!n.startsWith('ng') || (n[2] !== '-' && n[2] !== ':' && n[2] !== '_')) return null;
  return n.replace(/[:_]/g, '-');
}

/** The framework kind of attribute `name`, or undefined for an attribute no framework reads. */
export function frameworkKind(name: string): FrameworkKind | undefined {
  const first = name.charCodeAt(0);
  // `:x` (v-bind / x-bind), `@x` (v-on / x-on), `.x` (v-bind .prop), `#x` (v-slot).
  if ((first === 0x3a || first === 0x40 || first === 0x2e || first === 0x23) && name.length > 1) return 'code';
  if (name.startsWith('v-')) return 'code';
  if (name === 'data-bind') return 'members';
  const plain = name.startsWith('data-') ? name.slice(5) : name;
  if (plain.startsWith('hx-')) {
    if (plain.startsWith('hx-on')) return 'code';
    return HTMX.get(plain);
  }
  if (plain === 'ws-connect' || plain === 'sse-connect') return 'url';
  if (name.startsWith('x-')) {
    const base = name.split(/[:.]/, 1)[0] as string;
    if (ALPINE.has(base)) return 'code';
  }
  const ng = angularName(name);
  if (ng === null) return undefined;
  const url = NG_URL[ng];
  if (url !== undefined) return url;
  if (ng.startsWith('ng-attr-')) {
    const target = ng.slice(8);
    if (target === 'srcset') return 'interpolated-srcset';
    return URL_TARGETS.has(target) ? 'interpolated-url' : 'interpolated';
  }
  if (ng === 'ng-bind-template') return 'interpolated';
  return NG_NOT_CODE.has(ng) ? undefined : 'code';
}
