import { exampleSuite } from './example-suite.js';

exampleSuite('proxy-express.mjs');
