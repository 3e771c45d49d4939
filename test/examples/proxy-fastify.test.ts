import { exampleSuite } from './example-suite.js';

exampleSuite('proxy-fastify.mjs');
