import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { HarEntry } from '../har-types.js';
import { readHar, type ReadHarOptions } from '../stream/index.js';
import { EscapeFinder, type AuditOptions, type BodyAudit } from './entry-audit.js';
import { ESCAPE_KINDS, type Escape, type EscapeKind } from './escape.js';

/** Counts of one audit run. */
export interface AuditSummary {
  /** Entries read. */
  readonly entries: number;
  /** Entries whose request goes through the proxy (the only ones audited). */
  readonly proxied: number;
  /** Proxied entries by how their body was read (`read`, `truncated`, `binary`, `other-type`, …). */
  readonly bodies: Readonly<Partial<Record<BodyAudit, number>>>;
  readonly escapes: number;
  readonly byKind: Readonly<Record<EscapeKind, number>>;
  /** Escapes by protected host, most first. */
  readonly byHost: Readonly<Record<string, number>>;
  /** Entries with at least one escape. */
  readonly entriesWithEscapes: number;
}

/** A note of the audit on one entry (a script that does not parse, a truncated body). */
export interface AuditNote {
  readonly entry: number;
  readonly message: string;
}

export interface AuditResult {
  readonly summary: AuditSummary;
  /** The escapes in entry order; at most `maxListed` (the summary counts them all). */
  readonly escapes: readonly Escape[];
  /** Whether `escapes` stopped at `maxListed`. */
  readonly listTruncated: boolean;
  readonly notes: readonly AuditNote[];
  /** Problems the HAR reader met (an odd member, a BOM), when it read the file. */
  readonly readerProblems: readonly string[];
}

export interface AuditRunOptions extends AuditOptions {
  /** The most escapes kept in the list (default 100,000); the counts stay complete. */
  readonly maxListed?: number;
  /** Hears each entry's escapes as it is audited (a streaming listing). */
  readonly onEscapes?: (escapes: readonly Escape[]) => void;
}

const DEFAULT_MAX_LISTED = 100_000;

/** One entry as the HAR reader yields it. */
export interface IndexedEntry {
  readonly index: number;
  readonly entry: HarEntry;
}

/** Audits entries one at a time (memory bounded by one entry and the escape list). */
export async function auditEntries(entries: AsyncIterable<IndexedEntry> | Iterable<IndexedEntry>, options: AuditRunOptions): Promise<AuditResult> {
  const finder = new EscapeFinder(options);
  const tally = new Tally(options.maxListed ?? DEFAULT_MAX_LISTED);
  for await (const { index, entry } of entries) {
    const audit = finder.entry(entry, index);
    tally.add(index, audit.proxied, audit.body, audit.escapes, audit.notes);
    if (audit.escapes.length > 0) options.onEscapes?.(audit.escapes);
  }
  return tally.result([]);
}

/**
 * Audits a HAR file, streamed (readHar: one entry at a time, bodies past `spillChars`
 * in temp files, removed at the end). Throws `HarFormatError` when the file is no HAR.
 */
export async function auditHarFile(path: string, options: AuditRunOptions & Pick<ReadHarOptions, 'spillChars'>): Promise<AuditResult> {
  return auditHar(createReadStream(path), options);
}

/** {@link auditHarFile} on a stream of the HAR's bytes (stdin). */
export async function auditHar(input: Readable | AsyncIterable<Uint8Array | string>, options: AuditRunOptions & Pick<ReadHarOptions, 'spillChars'>): Promise<AuditResult> {
  const reader = readHar(input, { spillChars: options.spillChars });
  try {
    const result = await auditEntries(entriesOf(reader), options);
    return { ...result, readerProblems: [...reader.problems] };
  } finally {
    await reader.close();
  }
}

/**
 * Counts the escapes of each entry it is given (the output of a session run, one at a
 * time): what `spr har` reports as escapes left (`SessionRunOptions.escapesLeft`).
 */
export function escapeCounter(options: AuditOptions): (entry: HarEntry) => number {
  const finder = new EscapeFinder(options);
  let index = 0;
  return (entry) => finder.entry(entry, index++).escapes.length;
}

async function* entriesOf(events: AsyncIterable<{ kind: string }>): AsyncGenerator<IndexedEntry> {
  for await (const event of events) if (event.kind === 'entry') yield event as unknown as IndexedEntry;
}

class Tally {
  private entries = 0;
  private proxied = 0;
  private withEscapes = 0;
  private count = 0;
  private readonly bodies = new Map<BodyAudit, number>();
  private readonly kinds = new Map<EscapeKind, number>();
  private readonly hosts = new Map<string, number>();
  private readonly list: Escape[] = [];
  private readonly notes: AuditNote[] = [];

  constructor(private readonly maxListed: number) {}

  add(index: number, proxied: boolean, body: BodyAudit, escapes: readonly Escape[], notes: readonly string[]): void {
    this.entries++;
    if (proxied) {
      this.proxied++;
      this.bodies.set(body, (this.bodies.get(body) ?? 0) + 1);
    }
    if (escapes.length > 0) this.withEscapes++;
    this.count += escapes.length;
    for (const e of escapes) {
      this.kinds.set(e.kind, (this.kinds.get(e.kind) ?? 0) + 1);
      this.hosts.set(e.host, (this.hosts.get(e.host) ?? 0) + 1);
      if (this.list.length < this.maxListed) this.list.push(e);
    }
    for (const message of new Set(notes)) if (this.notes.length < this.maxListed) this.notes.push({ entry: index, message });
  }

  result(readerProblems: readonly string[]): AuditResult {
    const byKind = Object.fromEntries(ESCAPE_KINDS.map((k) => [k, this.kinds.get(k) ?? 0])) as Record<EscapeKind, number>;
    const byHost = Object.fromEntries([...this.hosts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
    return {
      summary: {
        entries: this.entries,
        proxied: this.proxied,
        bodies: Object.fromEntries(this.bodies),
        escapes: this.count,
        byKind,
        byHost,
        entriesWithEscapes: this.withEscapes,
      },
      escapes: this.list,
      listTruncated: this.list.length < this.count,
      notes: this.notes,
      readerProblems,
    };
  }
}
