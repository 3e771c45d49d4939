/**
 * session-proxy-rewriter: streaming rewriters that keep a browser inside a session
 * proxy. Start with {@link createRewriter}.
 */
export { createRewriter, type ContentKind, type Rewriter, type RewriterOptions } from './rewriter.js';
export { createContext, DEFAULT_MAX_BUFFER_BYTES, type RewriteContext, type RewriteLimits } from './context.js';
export {
  ConfigError,
  MappingError,
  HostMap,
  HostRewriter,
  HostScanner,
  type EventListener,
  type RewriteEvent,
  type HostMapOptions,
  type MappingScheme,
  type HostOccurrence,
  type OccurrenceContext,
} from './domain/index.js';
export { toNodeTransform, toWebTransformStream, Latin1Processor, type ByteProcessor, type TextEngine } from './stream/index.js';
