import { describe, expect, it } from 'vitest';
import { escapes, exampleConfig, hasChromium, openRecorded, runtimeSuite, TWIN_SCHEMES } from './browser-support.js';

if (!hasChromium) console.warn('client runtime CSS tests skipped: /usr/bin/chromium is absent (apt-get install -y chromium)');

// CSS built at run time, every way a page sets it. Each URL names a protected host only
// when the page runs (the static rewriter cannot see it); Chromium loads background
// images of rendered boxes, @import rules and font sources, so each one is a request the
// server records, and none may leave for example.com itself.
const PAGE = String.raw`<style id="sheet"></style><div id="holder"></div>
<script>
const dom = ['exa', 'mple', '.', 'com'].join('');
const at = (path) => 'https://static.' + dom + path;
const box = (cls) => {
  const d = document.createElement('div');
  d.style.width = '8px';
  d.style.height = '8px';
  if (cls) d.className = cls;
  return document.body.appendChild(d);
};
const results = (window.results = {});
const property = box(); property.style.backgroundImage = 'url(' + at('/style-property.png') + ')';
box().style['background-image'] = 'url("' + at('/style-dashed.png') + '")';
box().style.background = 'image-set("' + at('/image-set.png') + '" 1x)';
box().style.webkitMaskImage = 'url(' + at('/mask.png') + ')';
box().style.setProperty('background', 'url(' + at('/set-property.png') + ')', 'important');
box().style.cssText = 'width:8px;height:8px;background:url(' + at('/css-text.png') + ')';
box().style = 'width:8px;height:8px;background:url(' + at('/style-put-forwards.png') + ')';
box().setAttribute('style', 'width:8px;height:8px;background-image:url(' + at('/style-attribute.png') + ')');
Object.assign(box().style, { backgroundImage: 'url(' + at('/assigned.png') + ')' });
box().attributeStyleMap.set('background-image', 'url(' + at('/typed-om.png') + ')');
const sheet = document.getElementById('sheet').sheet;
sheet.insertRule('@import url(' + at('/import-rule.css') + ');', 0);
sheet.insertRule('.rule{background:url(' + at('/insert-rule.png') + ')}', 1);
sheet.insertRule('@media all{.grouped{color:red}}', 2);
sheet.cssRules[2].insertRule('.grouped{background:url(' + at('/grouping-rule.png') + ')}', 0);
box('rule'); box('grouped');
const sync = new CSSStyleSheet(); sync.replaceSync('.sync{background:url(' + at('/replace-sync.png') + ')}');
const later = new CSSStyleSheet(); later.replace('.later{background:url(' + at('/replace.png') + ')}');
document.adoptedStyleSheets = [sync, later];
box('sync'); box('later');
const text = document.createElement('style');
text.textContent = '@import "' + at('/style-import.css') + '"; .text{background:url(' + at('/style-text.png') + ')}';
document.head.append(text); box('text');
const inner = document.createElement('style');
inner.innerHTML = '.inner{background:url(\'' + at('/style-inner-html.png') + '\')}';
document.head.append(inner); box('inner');
const node = document.createElement('style');
node.appendChild(document.createTextNode('.node{background:url(' + at('/style-text-node.png') + ')}'));
document.head.append(node); box('node');
const appended = document.createElement('style');
appended.append('.appended{background:url(' + at('/style-appended.png') + ')}');
document.head.append(appended); box('appended');
const data = document.createElement('style');
data.appendChild(document.createTextNode(''));
document.head.append(data);
data.firstChild.data = '.data{background:url(' + at('/style-text-data.png') + ')}';
box('data');
document.getElementById('holder').innerHTML = '<style>.markup{background:url(' + at('/markup-style.png') + ')}</style><div class="markup" style="width:8px;height:8px"></div>'
  + '<div style="width:8px;height:8px;background:url(' + at('/markup-attribute.png') + ')"></div>';
const font = new FontFace('runtime-font', 'url(' + at('/font.woff2') + ') format("woff2")');
font.load().then(() => (results.font = 'loaded'), (e) => (results.font = e.name));
// Reading back: the setters stored the twin, and CSSOM still reads and writes other properties.
results.read = property.style.backgroundImage;
results.width = property.style.width;
results.computed = getComputedStyle(property).width;
results.relative = (box().style.backgroundImage = 'url(/relative.png)', document.body.lastChild.style.backgroundImage);
</script>`;

const PATHS = [
  '/style-property.png', '/style-dashed.png', '/image-set.png', '/mask.png', '/set-property.png', '/css-text.png', '/style-put-forwards.png', '/style-attribute.png',
  '/assigned.png', '/typed-om.png', '/import-rule.css', '/insert-rule.png', '/grouping-rule.png', '/replace-sync.png', '/replace.png',
  '/style-import.css', '/style-text.png', '/style-inner-html.png', '/style-text-node.png', '/style-appended.png', '/style-text-data.png', '/markup-style.png', '/markup-attribute.png', '/font.woff2',
];

describe.skipIf(!hasChromium)('client runtime in Chromium: CSS set at run time', () => {
  const suite = runtimeSuite({ '/': PAGE });

  for (const { scheme, twin } of TWIN_SCHEMES) {
    it(`${scheme} scheme: every URL in run-time CSS reaches the proxied host, none leaves`, async () => {
      const { server } = suite;
      const port = server.port;
      server.config = exampleConfig(scheme, port);
      server.requests.length = 0;
      const { context, page, seen, failed } = await openRecorded(suite.browser, `http://${twin('app')}:${port}/`);
      await page.waitForFunction('window.results.font !== undefined');

      for (const path of PATHS) expect((await server.waitFor(path))?.host, path).toBe(`${twin('static')}:${port}`);
      expect(await page.evaluate('window.results')).toEqual({
        read: `url("http://${twin('static')}:${port}/style-property.png")`,
        width: '8px',
        computed: '8px',
        relative: 'url("/relative.png")',
        // The server answers the font with text: the request went out, the font cannot load.
        font: 'NetworkError',
      });
      expect(seen.filter(escapes)).toEqual([]);
      expect(failed.filter(escapes)).toEqual([]);
      await context.close();
    }, 60_000);
  }
});
