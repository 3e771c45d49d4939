/**
 * Decompression limits: what stops a decompression bomb after a bounded amount of work.
 * The rewriters stream, so memory stays flat whatever the decoded size; what a bomb
 * costs is CPU time, one pass of decoding and rewriting per decoded byte. The limits
 * bound that work absolutely (`maxDecodedBytes`) and relative to the bytes the sender
 * spent (`maxRatio`).
 */
export interface DecodeLimits {
  /** The most bytes any decoding stage may produce (a stacked coding's inner stages too). */
  maxDecodedBytes: number;
  /** The most decoded bytes per encoded byte received, checked once past `ratioFloorBytes`. */
  maxRatio: number;
  /** Decoded bytes below which the ratio is not checked: small bodies may be all zeros. */
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

/**
 * Defaults, and why:
 * - 1 GiB decoded: far above any text body a browser renders (the largest bundles and
 *   JSON API answers are tens of MB) and roughly three seconds of decoding on one core,
 *   so the worst a sender below the ratio can buy is bounded.
 * - 1000:1 past 16 MiB: minified JS, CSS and JSON compress 5 to 20 times, highly
 *   repetitive JSON or markup 100 to 200 times, and deflate cannot exceed about 1032:1
 *   at all; only a run of one byte (a bomb) passes 1000:1 over 16 MiB. Below 16 MiB any
 *   ratio is allowed, so a small all-zeros body still decodes; 16 MiB costs a few tens
 *   of milliseconds. A brotli bomb of 4 GiB of zeros is refused after 16 MiB.
 */
export const DEFAULT_DECODE_LIMITS: Readonly<DecodeLimits> = Object.freeze({
  maxDecodedBytes: 1024 * MiB,
  maxRatio: 1000,
  ratioFloorBytes: 16 * MiB,
});

export type DecodeLimitCode = 'ERR_SPR_DECODED_TOO_LARGE' | 'ERR_SPR_DECODE_RATIO';

/** The error a decoder is destroyed with when a limit is crossed. */
export class DecodeLimitError extends Error {
  constructor(
    readonly code: DecodeLimitCode,
    /** The limit crossed: bytes for ERR_SPR_DECODED_TOO_LARGE, the ratio for ERR_SPR_DECODE_RATIO. */
    readonly limit: number,
    /** Bytes the stage would have produced had the chunk passed. */
    readonly decodedBytes: number,
    /** Encoded bytes the decoder had consumed. */
    readonly encodedBytes: number,
  ) {
    super(
      code === 'ERR_SPR_DECODED_TOO_LARGE'
        ? `decoded body exceeds ${limit} bytes`
        : `decoded body exceeds ${limit}:1 of its ${encodedBytes} encoded bytes (${decodedBytes} decoded)`,
    );
    this.name = 'DecodeLimitError';
  }
}

/** The defaults overridden by `limits`; a negative or NaN value throws (Infinity turns a limit off). */
export function resolveLimits(limits: Partial<DecodeLimits> = {}): DecodeLimits {
  const resolved = { ...DEFAULT_DECODE_LIMITS, ...limits };
  for (const [name, v] of Object.entries(resolved)) {
    if (typeof v !== 'number' || Number.isNaN(v) || v < 0) throw new RangeError(`decode limit ${name} must be a number >= 0, got ${String(v)}`);
  }
  return resolved;
}

/**
 * Counts the decoded bytes out of every stage and says when the next chunk of a stage
 * would cross a limit. Checked before the chunk moves on, so no stage and no caller ever
 * sees more than the limits allow. Every stage counts, not only the last: in a stack, an
 * inner stage can produce a flood that the outer one turns into nothing (gzip headers
 * and brotli metadata blocks decode to no output), and that flood is work too.
 */
export class DecodeMeter {
  readonly #decoded: number[] = [];

  constructor(readonly limits: DecodeLimits) {}

  /** Accounts `bytes` more output of `stage`, `encoded` being the input consumed so far; an error when that crosses a limit. */
  output(stage: number, bytes: number, encoded: number): DecodeLimitError | null {
    const decoded = (this.#decoded[stage] ?? 0) + bytes;
    this.#decoded[stage] = decoded;
    const { maxDecodedBytes, maxRatio, ratioFloorBytes } = this.limits;
    if (decoded > maxDecodedBytes) return new DecodeLimitError('ERR_SPR_DECODED_TOO_LARGE', maxDecodedBytes, decoded, encoded);
    if (decoded > ratioFloorBytes && decoded > maxRatio * encoded) return new DecodeLimitError('ERR_SPR_DECODE_RATIO', maxRatio, decoded, encoded);
    return null;
  }
}
