import type { ByteProcessor } from '../stream/index.js';
import { DirectivePrologueScanner, type InsertionPoint } from './directive-prologue.js';
import { headerValue, type HeaderLike } from './header-values.js';

/** Fetch's request destinations of worker scripts (Fetch §2.2.5), as `Sec-Fetch-Dest` names them. */
const WORKER_DESTINATIONS = new Set(['worker', 'sharedworker', 'serviceworker']);

/** Whether the browser fetched this response as a dedicated, shared or service worker's script. */
export function isWorkerScriptRequest(requestHeaders: HeaderLike): boolean {
  return WORKER_DESTINATIONS.has((headerValue(requestHeaders, 'sec-fetch-dest') ?? '').trim());
}

/**
 * Puts `prelude` into a script's rewritten bytes where it changes nothing of the script
 * (after a hashbang and the directive prologue: see DirectivePrologueScanner), as a
 * statement of its own: `;` before it, so a prelude that starts with a string is no
 * directive of the script (esbuild's `"use strict";` would make the whole worker
 * strict), and a line break and `;` after it, so a prelude ending in a line comment or
 * without a semicolon cannot run into the script's first statement.
 *
 * The rewriter's output is held only until the insertion point is known (the end of the
 * prologue, a few bytes in nearly every script) and scanned once, so any chunking gives
 * the same bytes.
 */
export class WorkerPreludeProcessor implements ByteProcessor {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private readonly scanner = new DirectivePrologueScanner();
  private done = false;
  private readonly prelude: Buffer;

  constructor(private readonly inner: ByteProcessor, prelude: string) {
    this.prelude = Buffer.from(`;${prelude}\n;`, 'utf8');
  }

  write(chunk: Uint8Array): Uint8Array | null {
    return this.route(this.inner.write(chunk), false);
  }

  end(): Uint8Array | null {
    return this.route(this.inner.end(), true);
  }

  private route(out: Uint8Array | null, final: boolean): Uint8Array | null {
    if (this.done) return out;
    if (out !== null && out.byteLength > 0) {
      this.held.push(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
      this.heldBytes += out.byteLength;
      this.scanner.push(out);
    }
    const point = this.scanner.point ?? (final ? this.scanner.end() : null);
    return point === null ? null : this.insert(point);
  }

  private insert(point: InsertionPoint): Buffer {
    this.done = true;
    const script = Buffer.concat(this.held, this.heldBytes);
    this.held = [];
    return Buffer.concat([script.subarray(0, point.at), Buffer.from(point.prefix, 'utf8'), this.prelude, script.subarray(point.at)]);
  }
}
