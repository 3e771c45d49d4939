import type { HarEntry } from '../har-types.js';

/** A member of `log` other than `entries` (version, creator, browser, pages, comment, `_x`…). */
export interface HarLogFieldEvent {
  readonly kind: 'log-field';
  readonly name: string;
  readonly value: unknown;
}

/** One element of `log.entries`, as read (not checked against the spec). */
export interface HarEntryEvent {
  readonly kind: 'entry';
  /** Position in `log.entries`, from 0. */
  readonly index: number;
  readonly entry: HarEntry;
}

/** What the reader yields, in document order. */
export type HarEvent = HarLogFieldEvent | HarEntryEvent;
