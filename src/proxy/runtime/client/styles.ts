import type { RuntimeContext } from './context.js';
import { markupOf } from './markup.js';
import { mapArguments, mapConstructorArguments, mapSetter, wrapMethod, wrapSetter } from './patch.js';

// CSS properties whose values may hold a URL (`url()`, `image-set()`), as CSSOM spells
// them: dashed; the camel-cased and webkit-cased names are derived.
const URL_PROPERTIES =
  'background background-image border-image border-image-source list-style list-style-image content cursor mask mask-image mask-border mask-border-source -webkit-mask -webkit-mask-image -webkit-mask-box-image -webkit-mask-box-image-source -webkit-border-image shape-outside filter clip-path marker marker-start marker-mid marker-end fill stroke offset-path';

/**
 * CSS set at run time: inline styles (`el.style.backgroundImage = …`, `setProperty`,
 * `cssText`; the `style` attribute goes by setAttribute's rule in markup.ts), style sheets (`insertRule`,
 * `replace`, `replaceSync`), Typed OM values, `FontFace` sources, and a `<style>`
 * element's text however it is set. Each URL in the text is mapped, nothing else.
 */
export function hookStyles(rt: RuntimeContext): void {
  const { scope } = rt;
  const { css } = markupOf(rt);
  const declaration = scope.CSSStyleDeclaration?.prototype;
  mapArguments(declaration, 'setProperty', [1], css);
  mapSetter(declaration, 'cssText', css);
  // `el.style = '…'` needs nothing more: [PutForwards=cssText] sets cssText through the setter above.
  for (const dashed of URL_PROPERTIES.split(' ')) {
    const camel = dashed.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    for (const name of new Set([dashed, camel, camel.replace(/^Webkit/, 'webkit')])) styleProperty(scope, name, dashed, css);
  }
  for (const proto of [scope.CSSStyleSheet?.prototype, scope.CSSGroupingRule?.prototype]) mapArguments(proto, 'insertRule', [0], css);
  mapArguments(scope.CSSStyleSheet?.prototype, 'addRule', [1], css);
  mapArguments(scope.CSSStyleSheet?.prototype, 'replace', [0], css);
  mapArguments(scope.CSSStyleSheet?.prototype, 'replaceSync', [0], css);
  mapArguments(scope.CSSStyleValue, 'parse', [1], css);
  mapArguments(scope.CSSStyleValue, 'parseAll', [1], css);
  // `attributeStyleMap.set(name, ...values)`: the name holds no URL, so every argument goes through.
  mapArguments(scope.StylePropertyMap?.prototype, 'set', 'all', css);
  mapArguments(scope.StylePropertyMap?.prototype, 'append', 'all', css);
  mapConstructorArguments(scope, 'FontFace', [1], css);
  hookStyleText(rt, css);
}

/**
 * `style[name] = value` through `css`. Firefox and Safari have these accessors on the
 * prototype chain; Chromium answers them from a named property handler, which an accessor
 * on the prototype takes precedence over, so one is defined there.
 */
function styleProperty(scope: RuntimeContext['scope'], name: string, dashed: string, css: (value: unknown) => unknown): void {
  const first = scope.CSSStyleDeclaration?.prototype as CSSStyleDeclaration | undefined;
  for (const proto of [scope.CSSStyleProperties?.prototype, scope.CSS2Properties?.prototype, first]) {
    if (proto && Object.getOwnPropertyDescriptor(proto, name)) return mapSetter(proto, name, css);
  }
  if (!first) return;
  Object.defineProperty(first, name, {
    configurable: true,
    enumerable: true,
    get(this: CSSStyleDeclaration) {
      return this.getPropertyValue(dashed);
    },
    set(this: CSSStyleDeclaration, value: unknown) {
      // setProperty is wrapped above: it maps.
      this.setProperty(dashed, value as string);
    },
  });
}

/**
 * A `<style>` element's text: `textContent`, a text node's `data` or `nodeValue`, and text
 * appended to it (`style.appendChild(document.createTextNode(css))`). `innerHTML` is html.ts's.
 */
function hookStyleText(rt: RuntimeContext, css: (value: unknown) => unknown): void {
  const { scope } = rt;
  const isStyle = (node: unknown): boolean => (node as Element | null)?.localName === 'style';
  /** The text of `node` (a style element, or a text node in one) through `css`. */
  const text = (node: unknown, value: unknown): unknown => (isStyle(node) || isStyle((node as Node | null)?.parentNode) ? css(value) : value);
  for (const [proto, name] of [[scope.Node?.prototype, 'textContent'], [scope.Node?.prototype, 'nodeValue'], [scope.CharacterData?.prototype, 'data']] as const) {
    wrapSetter(proto, name, (set) =>
      function (this: unknown, value: unknown) {
        set.call(this, text(this, value));
      },
    );
  }
  /** A text node about to go into a style element: its data mapped; strings (`append('…')`) likewise. */
  const child = (node: unknown): unknown => {
    if (typeof node === 'string') return css(node);
    if (node instanceof scope.Text) node.data = css(node.data) as string;
    return node;
  };
  for (const [name, all] of [['appendChild', false], ['insertBefore', false], ['replaceChild', false], ['append', true], ['prepend', true]] as const) {
    const proto = all ? scope.Element?.prototype : scope.Node?.prototype;
    wrapMethod(proto, name, (original) =>
      function (this: unknown, ...args: unknown[]) {
        if (isStyle(this)) for (let i = 0; i < (all ? args.length : Math.min(1, args.length)); i++) args[i] = child(args[i]);
        return original.apply(this, args);
      },
    );
  }
}
