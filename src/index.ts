/**
 * session-proxy-rewriter: streaming rewriters that keep a browser inside a session
 * proxy. Start with {@link createRewriter}.
 */
export { createRewriter, type ContentKind, type Rewriter, type RewriterOptions, type RewrittenJs } from './rewriter.js';
export { createContext, DEFAULT_MAX_BUFFER_BYTES, type RewriteContext, type RewriteLimits } from './context.js';
export {
  ConfigError,
  MappingError,
  HostMap,
  HostRewriter,
  HostScanner,
  CodeStrings,
  type CandidateSearch,
  type CodeForm,
  type EventListener,
  type RewriteEvent,
  type RewriteEventFields,
  type RewriteEventOf,
  type RewriteEventType,
  type HostMapOptions,
  type MappingScheme,
  type HostOccurrence,
  type OccurrenceContext,
  type WholeRange,
  type HostPattern,
  type Direction,
  type Edit,
} from './domain/index.js';
export type { HtmlOptions } from './html/index.js';
export type { JsMapOptions, JsOptions, SourceType } from './js/index.js';
export type { FetchHeadersLike, HeadersInput, HeadersOutput, HeadersRecord, ResponseHeaderOptions } from './headers/index.js';
export type { SourceMap } from 'magic-string';
export { toNodeTransform, toWebTransformStream, Latin1Processor, type ByteProcessor, type TextEngine } from './stream/index.js';
export {
  createPipeline,
  DEFAULT_DECODE_LIMITS,
  DecodeLimitError,
  mapRequestBody,
  mapRequestBodyBuffered,
  planRequestBody,
  withBodyFraming,
  type BodyKind,
  type DecodeLimitCode,
  type DecodeLimits,
  type MappedRequestBody,
  type RequestBodyBufferOptions,
  type RequestBodyFraming,
  type RequestBodyKind,
  type RequestBodyPlan,
  type ExchangeRequest,
  type NodeResponsePlan,
  type Pipeline,
  type PipelineOptions,
  type ResponseExtras,
  type ResponsePlan,
  type UpstreamHead,
  type UpstreamRequest,
  type ExchangeGate,
  type GateAnswer,
  type GatedResponse,
} from './pipeline/index.js';
// File control: its face (src/files/index.ts) is the curated list.
export * from './files/index.js';
// Captured sessions (HAR): its face (src/har/index.ts) is the curated list.
export * from './har/index.js';
// The proxy: its face (src/proxy/index.ts) is the curated list.
export { createProxyHandler, resolveUpstream, type ProxyHandler, type ProxyOptions, type ProxyTimeouts, type RuntimeOptions, type UpstreamAddress, type UpstreamResolver, type WebSocketEvent, type WebSocketEventListener, type WebSocketEventType, type WebSocketOptions } from './proxy/index.js';
