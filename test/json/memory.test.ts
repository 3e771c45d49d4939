import { describe } from 'vitest';
import { itFitsUnderTheLimit } from '../helpers/memory-units.js';

// Issue 7: a JSON string of the cap, and one past it (rewritten in windows), in bounded memory.
describe('memory per JSON string', () => {
  itFitsUnderTheLimit('json string, URL every 4 KB');
  itFitsUnderTheLimit('json string 3x cap, URLs (windows)');
});
