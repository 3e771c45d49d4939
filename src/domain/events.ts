/**
 * Something a rewriter did that the caller may want to log or count: a fallback to the
 * lexical rewriter, a refused cookie, a host that could not be mapped. Rewriting never
 * stops for these; they are reports, not errors.
 */
export interface RewriteEvent {
  /** What happened, e.g. `js-fallback`, `cookie-refused`, `mapping-error`. */
  readonly type: string;
  /** One human-readable line. */
  readonly message: string;
  /** Extra fields specific to the event type. */
  readonly [key: string]: unknown;
}

/** Receives every {@link RewriteEvent}. Must not throw; a throwing listener is ignored. */
export type EventListener = (event: RewriteEvent) => void;

/** Calls the listener, shielding the rewriter from a listener that throws. */
export function emitEvent(listener: EventListener | undefined, event: RewriteEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // A faulty logger must not take the user's session down.
  }
}
