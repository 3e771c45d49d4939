import { exampleSuite } from './example-suite.js';

exampleSuite('proxy-node-http.mjs');
