import type { RewriteContext } from '../../context.js';
import type { TextEngine } from '../../stream/index.js';
import { formFieldName, isTextField } from './part-headers.js';
import { isSamlMessageField, mapSamlMessage } from './saml-message.js';
import { Unemitted } from './unemitted.js';
import { mapStringBack, ValueSink } from './value-sink.js';

/** The most header bytes one part may have; busboy's limit too. Past it the part passes untouched. */
export const MAX_PART_HEADER_BYTES = 16 * 1024;

const BLANK_LINE = '\r\n\r\n';
const CRLF = '\r\n';

/**
 * A `multipart/form-data` body (RFC 7578 over RFC 2046), streaming, rewritten in place:
 * every byte passes as it came except the values of text fields (see
 * {@link isTextField}), which are mapped back with the data rules. File parts, part
 * headers, delimiters, preamble and epilogue are never buffered beyond a delimiter's
 * length and come out byte-identical.
 *
 * A splitter rather than busboy plus re-serialization: busboy hands over parsed headers
 * (re-serializing them would change their case, order and spacing) and drops preamble
 * and epilogue, so only a splitter keeps unchanged parts byte-identical.
 *
 * Delimiters are found as RFC 2046 §5.1.1 defines them and busboy searches for them:
 * every `CRLF--boundary` ends the current part, also one whose CRLF is the last line
 * break of a header block, and the body's very start counts as preceded by a CRLF.
 * After a delimiter, `--` ends the body (the rest is epilogue), CRLF starts a part's
 * headers, anything else (transport padding included, which busboy does not read
 * either) makes an opaque part that passes untouched up to the next delimiter.
 */
export class MultipartEngine implements TextEngine {
  private readonly delimiter: string;
  private state: 'body' | 'after' | 'headers' | 'epilogue' = 'body';
  /** The last characters of the stream, kept to find a delimiter across chunks; its last `withheld` are not emitted yet. */
  private tail = CRLF; // the virtual line break before the first delimiter
  private withheld = 0;
  /** Whether the current body is a text field's value (else it passes as it is). */
  private inField = false;
  /** The current text field is a SAML message (base64 XML). */
  private samlField = false;
  private readonly field: ValueSink;
  /** What followed the last delimiter, while it is undecided (`-` or CR). */
  private after = '';
  /** The current part's header text, up to the cap. */
  private head = '';
  private headTooLong = false;
  private readonly unemitted = new Unemitted();

  constructor(private readonly ctx: RewriteContext, boundary: string) {
    this.delimiter = CRLF + '--' + boundary;
    this.field = new ValueSink(ctx, (text) => (this.samlField ? mapSamlMessage(ctx, text) : null) ?? mapStringBack(ctx, text));
  }

  write(text: string): string {
    return this.unemitted.around(this.pending(), text, () => {
      let out = '';
      let input: string | null = text;
      while (input !== null) {
        const step = this.step(input);
        out += step.out;
        input = step.rest;
      }
      return out;
    });
  }

  end(): string {
    if (this.state !== 'body') return '';
    return this.unemitted.around(this.pending(), '', () => {
      const rest = this.tail.slice(this.tail.length - this.withheld);
      this.withheld = 0;
      return this.give(rest) + this.endPart();
    });
  }

  drainRaw(): string {
    return this.unemitted.drain();
  }

  /** A note of what is taken and not emitted now: the open field's value, then the withheld tail. */
  private pending(): () => string {
    if (this.state !== 'body') return () => '';
    const value = this.inField ? this.field.mark() : () => '';
    const withheld = this.tail.slice(this.tail.length - this.withheld);
    return () => value() + withheld;
  }

  /** Handles `input` in the current state: returns what to emit and what is left for the next state (null: all taken). */
  private step(input: string): { out: string; rest: string | null } {
    switch (this.state) {
      case 'body':
        return this.bodyStep(input);
      case 'after':
        return this.afterStep(input);
      case 'headers':
        return this.headersStep(input);
      case 'epilogue':
        return { out: input, rest: null };
    }
  }

  private give(text: string): string {
    return this.inField ? this.field.take(text) : text;
  }

  private endPart(): string {
    const out = this.inField ? this.field.finish() : '';
    this.inField = false;
    return out;
  }

  /** Preamble, a part's body or an opaque part: everything up to the next delimiter. */
  private bodyStep(input: string): { out: string; rest: string | null } {
    const probe = this.tail + input;
    const from = this.tail.length - this.withheld; // probe[from, …) is not emitted yet
    const at = probe.indexOf(this.delimiter);
    if (at !== -1) {
      const end = at + this.delimiter.length;
      const cut = Math.max(from, at); // a delimiter may begin in text already out (a virtual or header CRLF)
      const out = this.give(probe.slice(from, cut)) + this.endPart() + probe.slice(cut, end);
      this.enter('after', '');
      return { out, rest: probe.slice(end) };
    }
    const keep = Math.min(probe.length, this.delimiter.length - 1);
    const safe = Math.max(from, probe.length - keep);
    this.tail = probe.slice(probe.length - keep);
    this.withheld = probe.length - safe;
    return { out: this.give(probe.slice(from, safe)), rest: null };
  }

  /** Right after a delimiter: `--` (the end), CRLF (a part) or anything else (an opaque part). */
  private afterStep(input: string): { out: string; rest: string | null } {
    const seen = this.after + input;
    if (seen.length < 2 && (seen === '' || seen === '-' || seen === '\r')) {
      this.after = seen;
      return { out: input, rest: null };
    }
    if (seen.startsWith('--')) {
      this.enter('epilogue', '');
      return { out: input, rest: null };
    }
    if (seen.startsWith(CRLF)) {
      const taken = 2 - this.after.length;
      this.enter('headers', CRLF);
      this.head = '';
      this.headTooLong = false;
      return { out: input.slice(0, taken), rest: input.slice(taken) };
    }
    // Neither: not a part RFC 2046 knows. It passes as it is up to the next delimiter.
    this.enter('body', this.after);
    return { out: '', rest: input };
  }

  /** A part's header block, up to its blank line; a delimiter before it ends the part. */
  private headersStep(input: string): { out: string; rest: string | null } {
    const probe = this.tail + input; // the tail is only look-behind here: headers are emitted as they come
    const from = this.tail.length;
    const blank = probe.indexOf(BLANK_LINE);
    const at = probe.indexOf(this.delimiter);
    if (at !== -1 && (blank === -1 || at < blank)) {
      const end = at + this.delimiter.length;
      this.enter('after', '');
      return { out: probe.slice(from, end), rest: probe.slice(end) };
    }
    if (blank !== -1) {
      const end = blank + BLANK_LINE.length;
      this.record(probe.slice(from, end));
      if (this.headTooLong) {
        this.ctx.emit({ type: 'request-body-unreadable', reason: 'part-headers-too-long', message: `a multipart part's headers exceed ${MAX_PART_HEADER_BYTES} bytes: the part passed unchanged` });
      }
      // The blank line's last CRLF may also begin the next delimiter (an empty body).
      this.enter('body', CRLF);
      this.inField = !this.headTooLong && isTextField(this.head);
      this.samlField = this.inField && isSamlMessageField(formFieldName(this.head) ?? '');
      return { out: probe.slice(from, end), rest: probe.slice(end) };
    }
    this.record(input);
    const keep = Math.min(probe.length, this.delimiter.length - 1);
    this.tail = probe.slice(probe.length - keep);
    return { out: input, rest: null };
  }

  private record(text: string): void {
    if (this.headTooLong) return;
    if (this.head.length + text.length > MAX_PART_HEADER_BYTES) this.headTooLong = true;
    else this.head += text;
  }

  /** Enters a state with `tail` as look-behind that is already out (or virtual). */
  private enter(state: 'body' | 'after' | 'headers' | 'epilogue', tail: string): void {
    this.state = state;
    this.tail = tail;
    this.withheld = 0;
    this.after = '';
  }
}
