import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from './codings/index.js';
import type { ExchangeGate } from './gate.js';

/** Options of {@link createPipeline}. */
export interface PipelineOptions {
  /**
   * Markup injected once at the start of `<head>` of HTML documents (never of fragments a
   * script fetched, XML, or empty bodies). When the response's Content Security Policy
   * would block its `<script>`/`<style>`, they get a fresh nonce that the rewritten policy
   * allows. Off unless given.
   */
  readonly snippet?: string;
  /**
   * JavaScript put at the start of worker and service-worker scripts (requests whose
   * `Sec-Fetch-Dest` is `worker`, `sharedworker` or `serviceworker`), after the script's
   * directive prologue so its strictness is kept: a client runtime a worker's own `fetch`
   * needs. Off unless given.
   */
  readonly workerPrelude?: string;
  /** Limits on decoding a compressed body before it is rewritten (decompression bombs). */
  readonly decodeLimits?: Partial<DecodeLimits>;
  /**
   * `handle` reads a mapped request body (form, JSON, multipart) up to this many bytes to
   * send it with an exact `Content-Length`; a longer one streams chunked. Default 1 MiB.
   */
  readonly requestBufferBytes?: number;
  /** A checkpoint every exchange of `handle` passes (file control: `createFileControl`). */
  readonly gate?: ExchangeGate;
}

/** The options with every default filled in. */
export interface PipelineSettings {
  readonly snippet: string | undefined;
  readonly workerPrelude: string | undefined;
  readonly decodeLimits: DecodeLimits;
  readonly requestBufferBytes: number;
  readonly gate: ExchangeGate | null;
}

export function settingsOf(options: PipelineOptions = {}): PipelineSettings {
  return {
    snippet: options.snippet,
    workerPrelude: options.workerPrelude,
    decodeLimits: { ...DEFAULT_DECODE_LIMITS, ...options.decodeLimits },
    requestBufferBytes: options.requestBufferBytes ?? 1024 * 1024,
    gate: options.gate ?? null,
  };
}
