import { isSpilledText, type HarEntry } from '../har-types.js';
import { shapeOf, type FieldShape, type ObjectShape } from './har-shapes.js';
import { unknownValue } from './unknown-values.js';

/** Told of each repair: the JSON Pointer of the value and what was done. */
export type RepairListener = (path: string, what: string) => void;

/**
 * HAR 1.2 made of what a capture wrote. Real tools write values the spec does not allow
 * (cookie `expires: null`, `httpOnly: "true"`, `redirectURL: null`, `pages: null`, a JSON
 * object as a `params` value, timings of -1, Firefox's missing `send`/`wait`/`receive` and
 * sizes); the output of `spr har` must still validate. Each repair keeps what the value
 * said when it can (a string "true" is true, an object is its JSON text, a numeric string
 * is its number) and otherwise writes the spec's own "not known" value (see `unknownValue`):
 *
 * - null where the spec wants a value: an optional field is left out, a required one filled;
 * - a field the spec does not have: renamed as a custom field (`lastFetched` → `_lastFetched`);
 * - a value that cannot be read as its type: kept as a custom field beside the field;
 * - a number below the spec's minimum: the minimum (-1 for optional timings, 0 for send/wait/receive);
 * - a cache state without its required fields: the spec says to leave it out when the
 *   information is not available; it is kept as a custom field;
 * - postData with neither `text` nor `params`: `text: ""`.
 *
 * Nothing is changed in place: an object comes back as it was when nothing in it needed a
 * repair, else as a copy. Body text (strings and SpilledTexts) is never read or changed.
 */
export function normalizeEntry(entry: unknown, path: string, repair: RepairListener): HarEntry {
  if (!isPlainObject(entry)) {
    repair(path, `${preview(entry)} is no entry: kept as "_entry" in an entry of unknown values`);
    return { ...filledObject('entry'), _entry: entry } as unknown as HarEntry;
  }
  return normalizeObject(entry, shapeOf('entry'), path, repair) as unknown as HarEntry;
}

/** Normalizes the members of `log` one at a time, as a stream reads them. */
export interface LogNormalizer {
  /** The member as HAR 1.2 has it: its name (a field the spec does not have becomes custom) and value; null: left out. */
  field(name: string, value: unknown): { name: string; value: unknown } | null;
  /** The required members never given (`version`, `creator`), with their unknown values. */
  missing(): Array<{ name: string; value: unknown }>;
}

export function createLogNormalizer(repair: RepairListener): LogNormalizer {
  const members = new MemberRepair(shapeOf('log'), '/log', repair);
  const given = new Set<string>();
  return {
    field(name, value) {
      if (name === 'entries') return { name, value };
      const member = members.repair(name, value, given);
      if (member === null) return null;
      given.add(member[0]);
      return { name: member[0], value: member[1] };
    },
    missing() {
      return members
        .fill({}, (name) => given.has(name) || name === 'entries')
        .map(([name, value]) => ({ name, value }));
    },
  };
}

/** A null where the spec wants a value: an optional field is left out, a required one filled. */
const NULL = Symbol('null');

/** A value that cannot be read as its type: kept under a custom name, the field itself left out or filled. */
class Kept {
  constructor(readonly why: string) {}
}

type Fixed = unknown | typeof NULL | Kept;

/** Definitions the spec says to leave out when their information is not available. */
const LEAVE_OUT_WHEN_INCOMPLETE: ReadonlySet<string> = new Set(['cacheState']);

/** The members of one object of `shape` repaired one by one, then its missing required members filled. */
class MemberRepair {
  /** Required members that were null: filled at the end, reported once. */
  private readonly nulls = new Set<string>();

  constructor(
    private readonly shape: ObjectShape,
    private readonly path: string,
    private readonly report: RepairListener,
  ) {}

  /** One member as HAR 1.2 has it: [name, value] (a field the spec lacks, or a value it cannot read, under a custom name); null: left out. */
  repair(name: string, value: unknown, taken: Set<string>): [string, unknown] | null {
    if (name.startsWith('_')) return [name, value];
    const where = `${this.path}/${pointerToken(name)}`;
    const field = this.shape.fields.get(name);
    if (field === undefined) {
      const custom = customName(name, taken);
      this.report(where, `"${name}" is not a HAR 1.2 field: renamed "${custom}"`);
      return [custom, value];
    }
    const fixed = normalizeField(value, field, where, this.report);
    if (fixed === NULL) {
      if (this.shape.required.includes(name)) this.nulls.add(name);
      else this.report(where, 'null: left out');
      return null;
    }
    if (fixed instanceof Kept) {
      const custom = customName(name, taken);
      this.report(where, `${fixed.why}: kept as "${custom}"`);
      return [custom, value];
    }
    return [name, fixed];
  }

  /** The required members `has` does not have, at their unknown values (`object`: the members so far, for derived values). */
  fill(object: Record<string, unknown>, has: (name: string) => boolean): Array<[string, unknown]> {
    const filled: Array<[string, unknown]> = [];
    for (const name of this.shape.required) {
      if (has(name)) continue;
      const value = unknownValue(this.shape.name, name, this.shape.fields.get(name) as FieldShape, object, filledObject);
      if (value === undefined) continue;
      this.report(`${this.path}/${name}`, `${this.nulls.has(name) ? 'null' : 'missing'}: set to ${preview(value)}`);
      filled.push([name, value]);
    }
    return filled;
  }
}

function normalizeObject(object: Record<string, unknown>, shape: ObjectShape, path: string, repair: RepairListener): Record<string, unknown> {
  const members = new MemberRepair(shape, path, repair);
  const names = new Set(Object.keys(object));
  const out: Record<string, unknown> = {};
  let changed = false;
  for (const [name, value] of Object.entries(object)) {
    const member = members.repair(name, value, names);
    changed ||= member === null || member[0] !== name || member[1] !== value;
    if (member === null) continue;
    names.add(member[0]);
    Object.defineProperty(out, member[0], { value: member[1], enumerable: true, writable: true, configurable: true });
  }
  for (const [name, value] of members.fill(out, (name) => Object.hasOwn(out, name))) {
    out[name] = value;
    changed = true;
  }
  if (shape.oneOf.length > 0 && !shape.oneOf.some((name) => Object.hasOwn(out, name))) {
    const name = shape.oneOf[0];
    out[name] = '';
    repair(`${path}/${name}`, `none of ${shape.oneOf.join(', ')}: ${name} set to ""`);
    changed = true;
  }
  return changed ? out : object;
}

/** A required object nobody recorded: its own required fields at their unknown values. */
function filledObject(definition: string): Record<string, unknown> {
  return normalizeObject({}, shapeOf(definition), '', () => undefined);
}

function normalizeField(value: unknown, field: FieldShape, path: string, repair: RepairListener): Fixed {
  if (value === null && !field.nullable) return NULL;
  switch (field.type) {
    case 'string':
      return normalizeString(value, field, path, repair);
    case 'number':
      return normalizeNumber(value, field, path, repair);
    case 'boolean':
      return normalizeBoolean(value, path, repair);
    case 'array':
      return normalizeArray(value, field, path, repair);
    case 'object':
      return normalizeChild(value, field, path, repair);
  }
}

function normalizeString(value: unknown, field: FieldShape, path: string, repair: RepairListener): Fixed {
  if (isSpilledText(value)) return value; // a body too long to hold: a string, in a temp file
  if (typeof value === 'number' || typeof value === 'boolean') {
    repair(path, `${typeof value} ${String(value)}: written as a string`);
    return String(value);
  }
  if (typeof value === 'object') {
    repair(path, `a JSON ${Array.isArray(value) ? 'array' : 'object'}: written as its JSON text`);
    return JSON.stringify(value);
  }
  if (typeof value !== 'string') return new Kept(`${preview(value)} is no string`);
  if (field.pattern === undefined || field.pattern.test(value)) return value;
  const date = isoDate(value);
  if (date === null) return new Kept(`${preview(value)} is no ISO 8601 date`);
  repair(path, `${preview(value)}: written as ${date}`);
  return date;
}

/** An ISO 8601 date-time of the spec's form for a date written another way; null when it is none. */
function isoDate(text: string): string | null {
  // A date-time without a zone: read as UTC (the spec's stamps carry one; a local reading would depend on this machine).
  const zoneless = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(text.trim());
  const ms = zoneless === null ? Date.parse(text) : Date.parse(`${zoneless[1]}T${zoneless[2]}Z`);
  return Number.isFinite(ms) && text.trim() !== '' ? new Date(ms).toISOString() : null;
}

function normalizeNumber(value: unknown, field: FieldShape, path: string, repair: RepairListener): Fixed {
  let n = value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) {
    n = Number(value);
    repair(path, `string ${preview(value)}: read as the number ${String(n)}`);
  }
  if (typeof n !== 'number') return new Kept(`${preview(value)} is no number`);
  if (field.minimum !== undefined && n < field.minimum) {
    repair(path, `${n} is below the spec's minimum: set to ${field.minimum}`);
    return field.minimum;
  }
  return n;
}

function normalizeBoolean(value: unknown, path: string, repair: RepairListener): Fixed {
  if (typeof value === 'boolean') return value;
  const word = typeof value === 'string' ? value.trim().toLowerCase() : null;
  if (word === 'true' || word === 'false') {
    repair(path, `string ${preview(value)}: read as the boolean ${word}`);
    return word === 'true';
  }
  return new Kept(`${preview(value)} is no boolean`);
}

function normalizeArray(value: unknown, field: FieldShape, path: string, repair: RepairListener): Fixed {
  if (!Array.isArray(value)) return new Kept(`${preview(value)} is no array`);
  if (field.definition === undefined) return value;
  const shape = shapeOf(field.definition);
  let changed = false;
  const out: unknown[] = [];
  value.forEach((item, i) => {
    if (!isPlainObject(item)) {
      repair(`${path}/${i}`, `${preview(item)} is no ${shape.name} object: left out`);
      changed = true;
      return;
    }
    const fixed = normalizeObject(item, shape, `${path}/${i}`, repair);
    changed ||= fixed !== item;
    out.push(fixed);
  });
  return changed ? out : value;
}

function normalizeChild(value: unknown, field: FieldShape, path: string, repair: RepairListener): Fixed {
  if (value === null) return value; // a nullable state (the cache's "not in cache")
  if (!isPlainObject(value) || field.definition === undefined) return new Kept(`${preview(value)} is no object`);
  const shape = shapeOf(field.definition);
  if (LEAVE_OUT_WHEN_INCOMPLETE.has(shape.name)) {
    const lacking = shape.required.filter((name) => !Object.hasOwn(value, name));
    if (lacking.length > 0) return new Kept(`no ${lacking.join(', ')}: the spec leaves the ${shape.name} out when not available`);
  }
  return normalizeObject(value, shape, path, repair);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A custom field name (`_name`, `__name`, …) the object does not use yet. */
function customName(name: string, taken: ReadonlySet<string>): string {
  let custom = `_${name}`;
  while (taken.has(custom)) custom = `_${custom}`;
  return custom;
}

/** A JSON Pointer reference token (RFC 6901): `~` and `/` escaped. */
const pointerToken = (name: string) => name.replace(/~/g, '~0').replace(/\//g, '~1');

/** A value as a short JSON snippet for a message. */
function preview(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
