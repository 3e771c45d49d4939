// Where in a HAR document a token falls: the top level, `log`'s members, `log.entries`.
// Values of log members and entries are assembled one at a time; nothing else is held.
import type { HarEntry } from '../har-types.js';
import type { HarEvent } from './har-events.js';
import { HarFormatError } from './har-format-error.js';
import type { Token } from './json-tokenizer.js';
import { ValueAssembler } from './value-assembler.js';

type State =
  | 'root-start'
  | 'root-key'
  | 'log-start'
  | 'log-key'
  | 'log-value'
  | 'entries-start'
  | 'entries-item'
  | 'entry-value'
  | 'skip'
  | 'done';

/** What a value token is, for messages ("…is a string"). */
function kindOf(token: Token): string {
  switch (token.name) {
    case 'startArray':
      return 'an array';
    case 'startObject':
      return 'an object';
    case 'startString':
      return 'a string';
    case 'numberValue':
      return 'a number';
    case 'nullValue':
      return 'null';
    default:
      return 'a boolean';
  }
}

export class HarTokenMachine {
  private state: State = 'root-start';
  private sawLog = false;
  private sawEntries = false;
  private fieldName = '';
  private entryIndex = 0;
  private skipDepth = 0;

  constructor(
    private readonly assembler: ValueAssembler,
    private readonly onProblem: (message: string) => void,
  ) {}

  /** Feeds one token; returns the event it completes, if any. */
  push(token: Token): HarEvent | undefined {
    switch (this.state) {
      case 'root-start':
        if (token.name !== 'startObject') throw new HarFormatError(`not a HAR: the JSON text is ${kindOf(token)}, not an object with a "log" member`);
        this.state = 'root-key';
        return undefined;
      case 'root-key':
        if (token.name === 'endObject') this.state = 'done';
        else if (token.name === 'keyValue') this.rootKey(token.value);
        return undefined;
      case 'log-start':
        if (token.name !== 'startObject') throw new HarFormatError(`not a HAR: "log" is ${kindOf(token)}, not an object`);
        this.state = 'log-key';
        return undefined;
      case 'log-key':
        if (token.name === 'endObject') this.state = 'root-key';
        else if (token.name === 'keyValue') this.logKey(token.value);
        return undefined;
      case 'log-value':
        if (!this.assembler.push(token)) return undefined;
        this.state = 'log-key';
        return { kind: 'log-field', name: this.fieldName, value: this.assembler.take() };
      case 'entries-start':
        if (token.name !== 'startArray') throw new HarFormatError(`not a HAR: "log.entries" is ${kindOf(token)}, not an array`);
        this.state = 'entries-item';
        return undefined;
      case 'entries-item':
        if (token.name === 'endArray') {
          this.state = 'log-key';
          return undefined;
        }
        if (token.name !== 'startObject') throw new HarFormatError(`not a HAR: log.entries[${this.entryIndex}] is ${kindOf(token)}, not an object`);
        this.assembler.begin(`log.entries[${this.entryIndex}]`);
        this.assembler.push(token);
        this.state = 'entry-value';
        return undefined;
      case 'entry-value': {
        if (!this.assembler.push(token)) return undefined;
        this.state = 'entries-item';
        const index = this.entryIndex++;
        return { kind: 'entry', index, entry: this.assembler.take() as HarEntry };
      }
      case 'skip':
        this.skip(token);
        return undefined;
      case 'done':
        return undefined;
    }
  }

  /** The input has ended: was it a HAR? */
  finish(): void {
    if (!this.sawLog) throw new HarFormatError('not a HAR: there is no top-level "log" member');
    if (!this.sawEntries) throw new HarFormatError('not a HAR: "log" has no "entries" array');
  }

  private rootKey(key: string): void {
    if (key !== 'log') {
      this.onProblem(`top-level member "${key}" ignored: a HAR has only "log" at the top level`);
      this.state = 'skip';
      this.skipDepth = 0;
      return;
    }
    if (this.sawLog) throw new HarFormatError('not a HAR: "log" appears twice at the top level');
    this.sawLog = true;
    this.state = 'log-start';
  }

  private logKey(key: string): void {
    if (key === 'entries') {
      if (this.sawEntries) throw new HarFormatError('not a HAR: "log.entries" appears twice');
      this.sawEntries = true;
      this.state = 'entries-start';
      return;
    }
    this.fieldName = key;
    this.assembler.begin(`log.${key}`);
    this.state = 'log-value';
  }

  /** Passes over one value (a top-level member other than log) without holding it. */
  private skip(token: Token): void {
    switch (token.name) {
      case 'startObject':
      case 'startArray':
      case 'startString':
        this.skipDepth += 1;
        return;
      case 'endObject':
      case 'endArray':
      case 'endString':
        this.skipDepth -= 1;
        break;
      case 'stringChunk':
      case 'keyValue':
        return;
      default:
        break; // a number, true, false, null
    }
    if (this.skipDepth === 0) this.state = 'root-key';
  }
}
