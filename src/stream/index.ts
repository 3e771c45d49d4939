/**
 * `src/stream`: the adapters that turn one synchronous bytes-in, bytes-out rewriter into
 * a Node `Transform` and a Web `TransformStream`.
 */
export { toNodeTransform, toWebTransformStream, type ByteProcessor } from './byte-processor.js';
export { Latin1Processor, type TextEngine } from './latin1-processor.js';
