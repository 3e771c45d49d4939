import { ConfigError, emitEvent, HostRewriter, type EventListener, type HostMapOptions, type RewriteEvent } from './domain/index.js';

/** Memory limits every streaming rewriter honours. */
export interface RewriteLimits {
  /**
   * The most bytes (UTF-16 code units for strings) a rewriter buffers for one unit it
   * would like to see whole: a JS or CSS body, an inline script, one JSON string. Past
   * it the streaming lexical fallback runs. Default 16 MiB.
   */
  readonly maxBufferBytes: number;
}

/** What every content rewriter receives: the host rules, the limits and the event sink. */
export interface RewriteContext {
  readonly hosts: HostRewriter;
  readonly limits: RewriteLimits;
  emit(event: RewriteEvent): void;
}

export const DEFAULT_MAX_BUFFER_BYTES = 16 * 1024 * 1024;

/** Builds a context from host options; the rewriters' tests and `createRewriter` both use it. */
export function createContext(options: HostMapOptions & { onEvent?: EventListener; maxBufferBytes?: number }): RewriteContext {
  const onEvent = options.onEvent;
  const maxBufferBytes = options.maxBufferBytes ?? DEFAULT_MAX_BUFFER_BYTES;
  if (!Number.isInteger(maxBufferBytes) || maxBufferBytes < 1024) {
    throw new ConfigError(`maxBufferBytes must be an integer of at least 1024, not ${String(maxBufferBytes)}`);
  }
  return {
    hosts: new HostRewriter(options, onEvent),
    limits: { maxBufferBytes },
    emit: (event) => emitEvent(onEvent, event),
  };
}
