// Part 2 of bench/files.bench.ts: content rules that would be a denial of service on a
// backtracking engine, run by the built-in policy classifier through `control.file()` on
// a 30 MiB text file and a 30 MiB CSV (the inspection byte limit), with the default
// character limit and with it raised past the file so every character is searched.
import { Readable } from 'node:stream';
import { createFileControl, DEFAULT_FILE_LIMITS, loadPolicy, type FileOutcome, type PolicyDocument } from '../src/files/index.js';
import { MiB } from './files-bodies.js';

/** Hostile for backtracking: nested or overlapping quantifiers that fail (or match) only at the end. */
export const HOSTILE_PATTERNS = ['(a+)+$', '(a|aa)+b', '(x+x+)+y', '(.*a){25}', '^(\\w+\\s?)*$'];
/** A literal: the cost of reading the file and extracting its text, for scale. */
const LITERAL = 'zzz';
/** The character limit raised past the file, so the whole 30 MiB is searched. */
export const WHOLE_FILE_CHARS = 40_000_000;

interface HostileFile {
  readonly name: string;
  readonly type: string;
  readonly bytes: Buffer;
}

/**
 * `a`s, ending in `!` so that `(a+)+$` and `^(\w+\s?)*$` fail only at the very last
 * character (the worst case for a backtracking engine); a CSV of `a` fields; and lines
 * that hold the literal each pattern needs after a character that breaks its run
 * (`a…acb`, `x…xzy`), so no engine can skip the text for want of a `b` or a `y`.
 */
export function hostileFiles(size = DEFAULT_FILE_LIMITS.inspectBytes): HostileFile[] {
  const tile = (line: string) => {
    const out = Buffer.alloc(size);
    const bytes = Buffer.from(line);
    for (let i = 0; i < size; i += bytes.length) bytes.copy(out, i, 0, Math.min(bytes.length, size - i));
    out[size - 1] = 0x21;
    return out;
  };
  return [
    { name: 'hostile.txt', type: 'text/plain', bytes: Buffer.alloc(size, 'a').fill('!', size - 1) },
    { name: 'hostile.csv', type: 'text/csv', bytes: tile(`${'a'.repeat(31)},${'a'.repeat(31)},${'a'.repeat(31)},${'a'.repeat(31)}\n`) },
    { name: 'near-misses.txt', type: 'text/plain', bytes: tile(`${'a'.repeat(1000)}cb${'x'.repeat(1000)}zy\n`) },
  ];
}

export interface HostileRow {
  readonly file: string;
  readonly inspectChars: number;
  readonly patterns: string;
  readonly ms: number;
  readonly action: string;
  readonly reason: string;
  /** Bytes of the file the user would receive (allow/monitor), or null when blocked. */
  readonly delivered: number | null;
}

/** One classification: a policy whose one rule blocks on `patterns`, default allow. */
async function classifyOnce(file: HostileFile, patterns: string[], inspectChars: number): Promise<HostileRow> {
  const policy: PolicyDocument = { default: 'allow', rules: [{ name: 'hostile', match: { content: patterns }, action: 'block' }] };
  const control = createFileControl({ policy: loadPolicy(policy), limits: { inspectChars } }); // the default 5 s classifier time: a slower row would fail closed
  const chunks: Buffer[] = [];
  for (let i = 0; i < file.bytes.length; i += 64 * 1024) chunks.push(file.bytes.subarray(i, i + 64 * 1024));
  const start = performance.now();
  const outcome: FileOutcome = await control.file({ body: Readable.from(chunks), name: file.name, activity: 'download', declaredType: file.type, size: file.bytes.length });
  const ms = performance.now() - start;
  let delivered: number | null = null;
  if (outcome.delivery.kind === 'original') {
    delivered = 0;
    for await (const c of outcome.delivery.body as AsyncIterable<Buffer>) delivered += c.length;
  }
  return { file: file.name, inspectChars, patterns: patterns.length === 1 ? `\`${patterns[0]}\`` : `all ${patterns.length}`, ms, action: outcome.action, reason: outcome.event.reason, delivered };
}

/**
 * Every pattern alone, then all of them in one rule (the one that matches everywhere last,
 * so the others are searched first), then a literal for the cost of the text alone.
 */
export async function hostileRows(files: HostileFile[], limits: number[], onRow: (row: HostileRow) => void): Promise<void> {
  const all = [...HOSTILE_PATTERNS.filter((p) => p !== '(.*a){25}'), '(.*a){25}'];
  for (const file of files) {
    for (const inspectChars of limits) {
      for (const patterns of [[LITERAL], ...HOSTILE_PATTERNS.map((p) => [p]), all]) onRow(await classifyOnce(file, patterns, inspectChars));
    }
  }
}

/** Native RegExp (backtracking) once on a tiny input: `(a+)+$` on n `a`s and a `!`. */
export function nativeOnce(n: number): number {
  const input = `${'a'.repeat(n)}!`;
  const start = performance.now();
  /(a+)+$/.test(input);
  return performance.now() - start;
}

export const HOSTILE_SIZE_MIB = DEFAULT_FILE_LIMITS.inspectBytes / MiB;
