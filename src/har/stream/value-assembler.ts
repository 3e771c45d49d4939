// Builds one JSON value (a log field, an entry) from tokens, spilling long strings to files.
import type { SpilledText } from '../har-types.js';
import type { Token } from './json-tokenizer.js';
import type { SpillDir } from './spill-dir.js';
import { StringCollector } from './string-collector.js';

type Container = Record<string, unknown> | unknown[];

interface Frame {
  readonly container: Container;
  /** The key whose value comes next (objects only). */
  key: string;
}

export class ValueAssembler {
  private stack: Frame[] = [];
  private collector: StringCollector | undefined;
  private result: unknown;
  private base = '';

  constructor(
    private readonly spillChars: number,
    private readonly dir: SpillDir,
    private readonly onProblem: (message: string) => void,
  ) {}

  /** Starts a new value; `path` names it in problem messages (e.g. `log.entries[3]`). */
  begin(path: string): void {
    this.base = path;
    this.stack = [];
    this.result = undefined;
  }

  /** Feeds one token; true when the value is complete (read it with `take`). */
  push(token: Token): boolean {
    switch (token.name) {
      case 'startObject':
        return this.open({});
      case 'startArray':
        return this.open([]);
      case 'endObject':
      case 'endArray':
        this.stack.pop();
        return this.stack.length === 0;
      case 'keyValue':
        this.stack[this.stack.length - 1].key = token.value;
        return false;
      case 'startString':
        this.collector = new StringCollector(this.spillChars, this.dir);
        return false;
      case 'stringChunk':
        this.collector?.add(token.value);
        return false;
      case 'endString': {
        const collector = this.collector as StringCollector;
        this.collector = undefined;
        return this.attach(collector.finish(() => this.illFormed()));
      }
      case 'numberValue':
        return this.attach(Number(token.value));
      case 'nullValue':
      case 'trueValue':
      case 'falseValue':
        return this.attach(token.value);
      default:
        // Keys and numbers arrive packed; no other token carries a value.
        return false;
    }
  }

  take(): unknown {
    const value = this.result;
    this.result = undefined;
    return value;
  }

  /** Closes a half-spilled string's file (input ended or failed mid-value). */
  abandon(): void {
    this.collector?.abandon();
    this.collector = undefined;
  }

  private open(container: Container): boolean {
    this.attach(container);
    this.stack.push({ container, key: '' });
    return false;
  }

  private attach(value: unknown | SpilledText): boolean {
    const frame = this.stack[this.stack.length - 1];
    if (frame === undefined) {
      this.result = value;
      return true;
    }
    if (Array.isArray(frame.container)) frame.container.push(value);
    else if (frame.key === '__proto__') {
      // As JSON.parse does: an own property named __proto__, not a new prototype.
      Object.defineProperty(frame.container, '__proto__', { value, enumerable: true, writable: true, configurable: true });
    } else frame.container[frame.key] = value;
    return false;
  }

  private illFormed(): void {
    this.onProblem(`${this.path()}: a lone surrogate (\\uD800–\\uDFFF without its pair) in a spilled string became U+FFFD`);
  }

  /** The JSON path of the string being finished, for messages. */
  private path(): string {
    let out = this.base;
    this.stack.forEach((frame, depth) => {
      // An array holds every open child already; the string goes after the last one.
      const last = depth === this.stack.length - 1;
      if (Array.isArray(frame.container)) out += `[${frame.container.length - (last ? 0 : 1)}]`;
      else out += `.${frame.key}`;
    });
    return out;
  }
}
