import { describe } from 'vitest';
import { itFitsUnderTheLimit } from '../helpers/memory-units.js';

// Issue 7: one attribute value or inline body of the cap, in bounded memory.
describe('memory per HTML unit', () => {
  itFitsUnderTheLimit('html attr data: URL, no host');
  itFitsUnderTheLimit('html attr style, URLs');
  itFitsUnderTheLimit('html inline style, URLs');
});
