import type { RuntimeContext } from './context.js';
import { markupOf } from './markup.js';
import { mapConstructorArguments, mapSetter, wrapMethod, wrapSetter } from './patch.js';

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
};
const SRCSET_PROPERTIES: Record<string, readonly string[]> = {
  HTMLImageElement: ['srcset'],
  HTMLSourceElement: ['srcset'],
  HTMLLinkElement: ['imageSrcset'],
};

/**
 * URL-valued element properties and attributes. An attribute is mapped whatever its name
 * when its whole value is an absolute URL of a protected host (DESIGN rule 4: `data-src`,
 * `xlink:href`…); relative values resolve on the proxied base and are left alone.
 */
export function hookElements(rt: RuntimeContext): void {
  const { scope, mapped } = rt;
  const { srcset, attribute } = markupOf(rt);
  for (const [name, props] of Object.entries(URL_PROPERTIES)) for (const p of props) mapSetter(scope[name]?.prototype, p, mapped);
  for (const [name, props] of Object.entries(SRCSET_PROPERTIES)) for (const p of props) mapSetter(scope[name]?.prototype, p, srcset);
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
  // An Attr's value by the setAttribute rule: `attr.value`, and Node's `nodeValue`, `textContent`.
  wrapSetter(scope.Attr?.prototype, 'value', (set) =>
    function (this: unknown, value: unknown) {
      set.call(this, attribute((this as Attr).name, value));
    },
  );
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
