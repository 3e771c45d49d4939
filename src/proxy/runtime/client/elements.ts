import type { RuntimeContext } from './context.js';
import { mapConstructorArguments, mapSetter, wrapMethod, wrapSetter } from './patch.js';
import { mapSrcset } from './srcset.js';

// URL-valued IDL attributes (the setters; a page that builds `img.src = 'https://' + h`
// reaches one of these). `<base href>` matters most: every relative URL resolves on it.
const URL_PROPERTIES: Record<string, readonly string[]> = {
  HTMLAnchorElement: ['href'],
  HTMLAreaElement: ['href'],
  HTMLBaseElement: ['href'],
  HTMLLinkElement: ['href'],
  HTMLImageElement: ['src'],
  HTMLSourceElement: ['src'],
  HTMLScriptElement: ['src'],
  HTMLIFrameElement: ['src'],
  HTMLFrameElement: ['src'],
  HTMLEmbedElement: ['src'],
  HTMLTrackElement: ['src'],
  HTMLMediaElement: ['src'],
  HTMLVideoElement: ['poster'],
  HTMLInputElement: ['src', 'formAction'],
  HTMLButtonElement: ['formAction'],
  HTMLFormElement: ['action'],
  HTMLObjectElement: ['data'],
  // SVG `a.href.baseVal = …` (and every other animated string: only protected absolute URLs change).
  SVGAnimatedString: ['baseVal'],
  // `attr.value = …` on an Attr node, by the same rule as setAttribute.
  Attr: ['value'],
};
const SRCSET_PROPERTIES: Record<string, readonly string[]> = {
  HTMLImageElement: ['srcset'],
  HTMLSourceElement: ['srcset'],
  HTMLLinkElement: ['imageSrcset'],
};
const SRCSET_ATTRIBUTES = new Set(['srcset', 'imagesrcset']);

/**
 * URL-valued element properties and attributes. An attribute is mapped whatever its name
 * when its whole value is an absolute URL of a protected host (DESIGN rule 4: `data-src`,
 * `xlink:href`…); relative values resolve on the proxied base and are left alone.
 */
export function hookElements(rt: RuntimeContext): void {
  const { scope, mapped } = rt;
  const srcset = srcsetMapper(rt);
  for (const [name, props] of Object.entries(URL_PROPERTIES)) for (const p of props) mapSetter(scope[name]?.prototype, p, mapped);
  for (const [name, props] of Object.entries(SRCSET_PROPERTIES)) for (const p of props) mapSetter(scope[name]?.prototype, p, srcset);
  const attribute = attributeMapper(rt);
  for (const name of ['HTMLAnchorElement', 'HTMLAreaElement']) mapSetter(scope[name]?.prototype, 'ping', (v) => attribute('ping', v));
  const proto = scope.Element?.prototype;
  wrapMethod(proto, 'setAttribute', (original) =>
    function (this: unknown, ...args: unknown[]) {
      if (args.length >= 2) args[1] = attribute(args[0], args[1]);
      return original.apply(this, args);
    },
  );
  wrapMethod(proto, 'setAttributeNS', (original) =>
    function (this: unknown, ...args: unknown[]) {
      if (args.length >= 3) args[2] = attribute(String(args[1]).replace(/^[^:]*:/, ''), args[2]);
      return original.apply(this, args);
    },
  );
  // An Attr's value through Node's setters (`attr.nodeValue = …`, `attr.textContent = …`).
  for (const p of ['nodeValue', 'textContent']) {
    wrapSetter(scope.Node?.prototype, p, (set) =>
      function (this: unknown, value: unknown) {
        set.call(this, this instanceof scope.Attr ? attribute((this as Attr).name, value) : value);
      },
    );
  }
  // `new Audio(url)`, `new Image()` then `.src` is a setter above.
  mapConstructorArguments(scope, 'Audio', [0], mapped);
}

function srcsetMapper(rt: RuntimeContext): (value: unknown) => unknown {
  return (v) => (typeof v === 'string' ? mapSrcset(v, (u) => rt.mapped(u)) : v);
}

/** An attribute's value, by its (local) name: srcset lists, `ping` lists, and any other value as one URL. */
export function attributeMapper(rt: RuntimeContext): (name: unknown, value: unknown) => unknown {
  const srcset = srcsetMapper(rt);
  return (name, value) => {
    const local = String(name).toLowerCase();
    if (SRCSET_ATTRIBUTES.has(local)) return srcset(value);
    // `ping` is a list of URLs separated by spaces.
    if (local === 'ping' && typeof value === 'string') return value.replace(/[^\t\n\f\r ]+/g, (u) => rt.mapped(u));
    return rt.mapped(value);
  };
}
