/**
 * `src/pipeline`: whole responses and requests. Content types by allowlist (and sniffing
 * where the browser sniffs), codings undone and redone under decode limits, the response
 * head, the request side, and the wiring for Node and Web streams.
 */
export { createPipeline } from './pipeline.js';
export type { ExchangeRequest, NodeResponsePlan, Pipeline, ResponseExtras, ResponsePlan, UpstreamHead, UpstreamRequest } from './exchange.js';
export type { PipelineOptions } from './settings.js';
export { GateRefusal, type ExchangeGate, type GateAnswer, type GatedResponse } from './gate.js';
export type { BodyKind } from './content-kind.js';
export { bodyKindOf } from './content-kind.js';
export { extractMimeType, parseMimeType, type MimeType } from './mime-type.js';
export { hasBinaryDataByte, hasUtf16Bom } from './sniff.js';
export { DEFAULT_DECODE_LIMITS, DecodeLimitError, canDecode, createDecoder, parseContentEncoding, supportedCodings, type Coding, type DecodeLimitCode, type DecodeLimits } from './codings/index.js';
export { mapRequestBody, mapRequestBodyBuffered, planRequestBody, withBodyFraming, type MappedRequestBody, type RequestBodyBufferOptions, type RequestBodyFraming, type RequestBodyKind, type RequestBodyPlan } from './request-body/index.js';
