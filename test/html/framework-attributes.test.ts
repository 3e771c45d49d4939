import { describe, expect, it } from 'vitest';
import { frameworkKind } from '../../src/html/framework-attributes.js';
import { rewriteHtml } from '../../src/html/index.js';
import { rewriteJs } from '../../src/js/index.js';
import { testContext } from './helpers.js';

const P = '.proxy.test';

function rw(html: string, options: Parameters<typeof testContext>[0] = {}): string {
  return rewriteHtml(testContext(options), html);
}

/** `<div name="value">` rewritten: the new value (the attribute is double-quoted and holds no `"`). */
function value(name: string, v: string): string {
  const out = rw(`<div ${name}="${v}">`);
  return out.slice(`<div ${name}="`.length, -2);
}

describe('Vue: directive values are JavaScript expressions (v-on statements), with their shorthands', () => {
  it('rewrites URL string literals in v-bind, :, .prop, v-on, @, v-html, v-for, v-slot and custom directives', () => {
    expect(value(':href', "'https://app.example.com/' + path")).toBe(`'https://app.example.com${P}/' + path`);
    expect(value('v-bind:src', "cdn ? '//cdn.example.com/a.png' : ''")).toBe(`cdn ? '//cdn.example.com${P}/a.png' : ''`);
    expect(value('.action', "`https://api.example.com/${id}`")).toBe(`\`https://api.example.com${P}/\${id}\``);
    expect(value('@click', "location.href = 'https://app.example.com/'")).toBe(`location.href = 'https://app.example.com${P}/'`);
    expect(value('v-on:submit.prevent', "send('https://api.example.com/f'); done = true")).toBe(`send('https://api.example.com${P}/f'); done = true`);
    expect(value('v-html', "'<a href=https://app.example.com/>x</a>'")).toBe(rewriteJs(testContext(), "'<a href=https://app.example.com/>x</a>'"));
    expect(value('v-for', "u in ['https://a.example.com/', 'https://other.org/']")).toBe(`u in ['https://a.example.com${P}/', 'https://other.org/']`);
    expect(value('v-for', "(u, i) of ['https://a.example.com/']")).toBe(`(u, i) of ['https://a.example.com${P}/']`);
    expect(value('#item', "{ url = 'https://a.example.com/' }")).toBe(`{ url = 'https://a.example.com${P}/' }`);
    expect(value('v-tooltip', "'https://help.example.com/'")).toBe(`'https://help.example.com${P}/'`);
  });

  it('leaves prose and other hosts in strings, and code, as the JS rules do', () => {
    for (const v of ["'Visit example.com today'", "'https://other.org/'", 'example.com', "a.example.com + '/x'"]) expect(value(':title', v)).toBe(v);
  });
});

describe('Alpine: x-data, x-init, x-bind, x-on and the other JavaScript directives', () => {
  it('rewrites URL string literals in objects, statements and expressions', () => {
    expect(value('x-data', "{ open: false, api: 'https://api.example.com/v1' }")).toBe(`{ open: false, api: 'https://api.example.com${P}/v1' }`);
    expect(value('x-init', "fetch('https://api.example.com/items').then(r => r.json()).then(d => items = d)"))
      .toBe(`fetch('https://api.example.com${P}/items').then(r => r.json()).then(d => items = d)`);
    expect(value('x-bind:href', "'https://app.example.com/' + slug")).toBe(`'https://app.example.com${P}/' + slug`);
    expect(value('x-on:click.outside', "window.open('https://app.example.com/help')")).toBe(`window.open('https://app.example.com${P}/help')`);
    expect(value('x-effect', "if (on) ws = new WebSocket('wss://live.example.com/s')")).toBe(`if (on) ws = new WebSocket('wss://live.example.com${P}/s')`);
    expect(value('x-model.lazy', "form['https://app.example.com/']")).toBe(`form['https://app.example.com${P}/']`);
  });

  it('leaves directives that hold no JavaScript (class lists, selectors, names) to the generic rules', () => {
    expect(frameworkKind('x-transition:enter')).toBeUndefined();
    expect(frameworkKind('x-teleport')).toBeUndefined();
    expect(frameworkKind('x-ref')).toBeUndefined();
    expect(value('x-transition:enter', "go('https://app.example.com/')")).toBe("go('https://app.example.com/')");
  });
});

describe('Knockout: data-bind is the inside of an object literal', () => {
  it('rewrites URL string literals in binding values, functions included', () => {
    expect(value('data-bind', "attr: { href: 'https://app.example.com/' }, click: function() { location = 'https://app.example.com/x' }"))
      .toBe(`attr: { href: 'https://app.example.com${P}/' }, click: function() { location = 'https://app.example.com${P}/x' }`);
    expect(value('data-bind', "text: label, attr: { src: 'https://cdn.example.com/' + img }")).toBe(`text: label, attr: { src: 'https://cdn.example.com${P}/' + img }`);
    expect(value('data-bind', "'if': ok, template: { name: 't', data: { u: '//app.example.com/' } }")).toBe(`'if': ok, template: { name: 't', data: { u: '//app.example.com${P}/' } }`);
  });
});

describe('AngularJS: ng- expressions in every spelling, and {{ }} interpolation in ng-href, ng-src, ng-srcset, ng-attr-*', () => {
  it('rewrites expressions in ng-click, ng-init and the data-, x-, ng: and ng_ spellings', () => {
    expect(value('ng-click', "go('https://app.example.com/'); n = n + 1")).toBe(`go('https://app.example.com${P}/'); n = n + 1`);
    expect(value('data-ng-init', "api = 'https://api.example.com/'")).toBe(`api = 'https://api.example.com${P}/'`);
    expect(value('x-ng-click', "a('https://x.example.com/')")).toBe(`a('https://x.example.com${P}/')`);
    expect(value('ng:click', "a('https://x.example.com/')")).toBe(`a('https://x.example.com${P}/')`);
    expect(value('ng_click', "a('https://x.example.com/')")).toBe(`a('https://x.example.com${P}/')`);
    expect(value('ng-include', "'https://tpl.example.com/t.html'")).toBe(`'https://tpl.example.com${P}/t.html'`);
    // Filters are not JavaScript: the string literal is still found.
    expect(value('ng-bind', "'https://app.example.com/' | limitTo:10")).toBe(`'https://app.example.com${P}/' | limitTo:10`);
  });

  it('ng-href / ng-src / ng-srcset: the URL rules on the text, the code rules in the braces', () => {
    expect(value('ng-href', 'https://app.example.com/u/{{ user.id }}')).toBe(`https://app.example.com${P}/u/{{ user.id }}`);
    // A host ending in a protected tail whatever the tenant: proxied in the suffix scheme.
    expect(value('ng-href', 'https://{{ tenant }}.example.com/x')).toBe(`https://{{ tenant }}.example.com${P}/x`);
    expect(value('ng-href', "{{ 'https://app.example.com/' + id }}")).toBe(`{{ 'https://app.example.com${P}/' + id }}`);
    expect(value('ng-src', '//cdn.example.com/{{img}}.png')).toBe(`//cdn.example.com${P}/{{img}}.png`);
    expect(value('ng-srcset', 'https://cdn.example.com/{{ a }}.png 1x, https://cdn.example.com/{{ b }}.png 2x'))
      .toBe(`https://cdn.example.com${P}/{{ a }}.png 1x, https://cdn.example.com${P}/{{ b }}.png 2x`);
    expect(value('ng-attr-href', 'https://{{t}}-my.example.com/')).toBe(`https://{{t}}-my.example.com${P}/`);
    // ng-attr- of an attribute that is no URL: only the expressions.
    expect(value('ng-attr-title', "{{ 'https://app.example.com/' }} https://app.example.com/")).toBe(`{{ 'https://app.example.com${P}/' }} https://app.example.com/`);
    expect(value('ng-href', '{{ base }}/x')).toBe('{{ base }}/x');
  });

  it('in the flat scheme leaves a host an interpolation writes, and reports it', () => {
    const ctx = testContext({ scheme: 'flat' });
    const out = rewriteHtml(ctx, '<a ng-href="https://{{ tenant }}.example.com/x" ng-src="https://cdn.example.com/{{ a }}.png">');
    expect(out).toMatch(/^<a ng-href="https:\/\/\{\{ tenant \}\}\.example\.com\/x" ng-src="https:\/\/[^"/]*\.proxy\.test\/\{\{ a \}\}\.png">$/);
    expect(ctx.events.filter((e) => e.type === 'js-unmappable')).toHaveLength(1);
  });

  it('leaves directives that hold names, not expressions', () => {
    for (const name of ['ng-app', 'ng-controller', 'ng-csp']) expect(frameworkKind(name)).toBeUndefined();
    expect(value('ng-app', "'https://app.example.com/'")).toBe("'https://app.example.com/'");
  });
});

describe('htmx: request URLs by the URL rules, hx-vals / hx-headers as JSON or js:, hx-on code', () => {
  it('hx-get, hx-post, hx-put, hx-delete, hx-patch, hx-push-url, hx-replace-url, ws-connect, sse-connect (and data-hx-)', () => {
    expect(value('hx-get', 'https://app.example.com/items')).toBe(`https://app.example.com${P}/items`);
    expect(value('hx-post', '//api.example.com/x')).toBe(`//api.example.com${P}/x`);
    // `\\` is `/` to the URL parser in a special URL: no text search sees this authority.
    expect(value('data-hx-put', 'https:/\\app.example.com/p')).toBe(`https:/\\app.example.com${P}/p`);
    expect(value('hx-delete', 'HTTPS://APP.EXAMPLE.COM/d')).toBe(`HTTPS://APP.EXAMPLE.COM${P}/d`);
    expect(value('hx-patch', '  https://app.example.com/p  ')).toBe(`  https://app.example.com${P}/p  `);
    expect(value('hx-push-url', 'https://app.example.com/p')).toBe(`https://app.example.com${P}/p`);
    expect(value('hx-push-url', 'true')).toBe('true');
    expect(value('hx-replace-url', '/relative')).toBe('/relative');
    expect(value('ws-connect', 'wss://live.example.com/ws')).toBe(`wss://live.example.com${P}/ws`);
    expect(value('sse-connect', 'https://events.example.com/s')).toBe(`https://events.example.com${P}/s`);
    expect(value('hx-get', 'https://other.org/items')).toBe('https://other.org/items');
  });

  it('hx-vals and hx-headers: JSON, braces optional, or js: / javascript: and an expression; hx-vars members', () => {
    expect(rw(`<a hx-vals='{"next": "https://app.example.com/"}'>`)).toBe(`<a hx-vals='{"next": "https://app.example.com${P}/"}'>`);
    expect(rw(`<a hx-vals='"next": "https://app.example.com/"'>`)).toBe(`<a hx-vals='"next": "https://app.example.com${P}/"'>`);
    expect(rw(`<a hx-headers='js:{"X-Next": "https://app.example.com/" + x}'>`)).toBe(`<a hx-headers='js:{"X-Next": "https://app.example.com${P}/" + x}'>`);
    expect(rw(`<a hx-vals='javascript:next: "https://app.example.com/" + x'>`)).toBe(`<a hx-vals='javascript:next: "https://app.example.com${P}/" + x'>`);
    expect(value('hx-vars', "next: 'https://app.example.com/', n: count()")).toBe(`next: 'https://app.example.com${P}/', n: count()`);
  });

  it('hx-on handlers (htmx 2 and 1.9 forms) are code', () => {
    expect(value('hx-on:click', "fetch('https://api.example.com/')")).toBe(`fetch('https://api.example.com${P}/')`);
    expect(value('hx-on::after-request', "location = 'https://app.example.com/'")).toBe(`location = 'https://app.example.com${P}/'`);
    expect(value('hx-on--before-request', "log('https://app.example.com/')")).toBe(`log('https://app.example.com${P}/')`);
    expect(value('hx-on', "click: location = 'https://app.example.com/'")).toBe(`click: location = 'https://app.example.com${P}/'`);
  });
});

describe('attributes outside these frameworks', () => {
  it('keep the generic rules: a whole absolute URL or JSON, nothing in code-looking text', () => {
    expect(value('data-foo', "go('https://app.example.com/')")).toBe("go('https://app.example.com/')");
    expect(value('data-url', 'https://app.example.com/')).toBe(`https://app.example.com${P}/`);
    expect(frameworkKind('data-foo')).toBeUndefined();
    expect(frameworkKind('href')).toBeUndefined();
    expect(frameworkKind('x')).toBeUndefined();
  });
});

describe('the iframe allow and csp attributes', () => {
  it('allow: Permissions Policy origins of protected hosts proxied, keywords and other origins kept', () => {
    expect(rw(`<iframe allow="camera https://app.example.com; microphone 'self'; fullscreen *"></iframe>`))
      .toBe(`<iframe allow="camera https://app.example.com${P}; microphone 'self'; fullscreen *"></iframe>`);
    expect(rw(`<iframe allow="geolocation https://maps.example.com https://other.org 'src'"></iframe>`))
      .toBe(`<iframe allow="geolocation https://maps.example.com${P} https://other.org 'src'"></iframe>`);
    expect(rw(`<iframe allow="payment"></iframe>`)).toBe(`<iframe allow="payment"></iframe>`);
  });

  it('csp (CSP Embedded Enforcement): a policy, by the CSP rules', () => {
    expect(rw(`<iframe csp="script-src https://cdn.example.com 'self'; img-src *.example.com"></iframe>`))
      .toBe(`<iframe csp="script-src https://cdn.example.com${P} 'self'; img-src *.example.com${P}"></iframe>`);
  });
});
