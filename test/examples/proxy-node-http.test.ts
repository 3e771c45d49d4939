import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { exampleSuite } from './example-suite.js';

exampleSuite('proxy-node-http.mjs');

// The README shows this example as it is run here, so what a reader copies is what was tested.
it('is the code the README shows', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('../../examples/proxy-node-http.mjs', import.meta.url), 'utf8');
  expect(readme).toContain('```js\n' + example + '```');
});
