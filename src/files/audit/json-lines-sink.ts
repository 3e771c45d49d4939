import { createWriteStream } from 'node:fs';
import { jsonLine } from './json-line.js';
import type { AuditEvent, AuditSink } from './sink.js';

export interface JsonLinesAuditOptions {
  /** Called once, with the first write error; later events are dropped. Default: a process warning. */
  readonly onError?: (error: Error) => void;
}

/** An audit sink that can be closed (its pending lines written). */
export type ClosableAuditSink = AuditSink & { close(): Promise<void> };

/**
 * Audit events as JSON lines (one object per line) that a log shipper can tail: to a
 * file, opened for appending (created if missing), or to a stream (`process.stdout`).
 * Writing never throws into the proxy: the first error (the directory does not exist,
 * the disk is full, the stream broke) goes to `onError` once and later events are
 * dropped. `close()` resolves when every line given so far is written (or dropped); it
 * ends a file it opened, never a stream it was given. Lines are queued in memory while
 * the target is slow (Node's stream buffer).
 */
export function jsonLinesAudit(target: string | NodeJS.WritableStream, options: JsonLinesAuditOptions = {}): ClosableAuditSink {
  const file = typeof target === 'string' ? createWriteStream(target, { flags: 'a' }) : null;
  const stream: NodeJS.WritableStream = file ?? (target as NodeJS.WritableStream);
  const report = options.onError ?? ((error: Error) => process.emitWarning(`audit log: ${error.message}`));
  let failed = false;
  let closed = false;
  let pending = 0;
  let drained: (() => void) | null = null;

  const fail = (error: Error) => {
    if (failed) return;
    failed = true;
    drained?.(); // nothing more will be written: close() need not wait
    try {
      report(error);
    } catch {
      // The error handler's own failure must not reach the proxy either.
    }
  };
  const settle = () => {
    pending--;
    if (pending === 0 && drained !== null) drained();
  };
  stream.on('error', fail);

  const sink = (event: AuditEvent): void => {
    if (failed || closed) return;
    let line: string;
    try {
      line = jsonLine(event);
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    pending++;
    try {
      stream.write(line, (error) => {
        if (error) fail(error);
        settle();
      });
    } catch (error) {
      fail(error instanceof Error ? error : new Error(String(error)));
      settle();
    }
  };

  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    if (pending > 0 && !failed) await new Promise<void>((resolve) => (drained = resolve));
    if (file === null) return;
    if (failed) file.destroy();
    else await new Promise<void>((resolve) => file.end(() => resolve()));
  };

  return Object.assign(sink, { close });
}
