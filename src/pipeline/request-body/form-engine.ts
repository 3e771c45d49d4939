import type { RewriteContext } from '../../context.js';
import type { TextEngine } from '../../stream/index.js';
import { mapFormPair } from './form-encoding.js';
import { Unemitted } from './unemitted.js';
import { ValueSink } from './value-sink.js';

/**
 * An `application/x-www-form-urlencoded` body, streaming: each `name=value` sequence
 * (the text between two `&`) is buffered until its `&` and mapped back on its own (see
 * {@link mapFormPair}); `&`s and unchanged sequences pass byte-identical. A sequence
 * longer than `maxBufferBytes` is mapped in windows on its raw text, where a browser's
 * serializer leaves host names and dots as they are and writes `//` as `%2F%2F`, which
 * the scanner reads.
 */
export class FormEngine implements TextEngine {
  private readonly pair: ValueSink;
  private readonly unemitted = new Unemitted();

  constructor(ctx: RewriteContext) {
    this.pair = new ValueSink(ctx, (text) => mapFormPair(ctx, text));
  }

  write(text: string): string {
    return this.unemitted.around(this.pair.mark(), text, () => {
      let out = '';
      let pos = 0;
      for (let amp = text.indexOf('&'); amp !== -1; amp = text.indexOf('&', pos)) {
        out += this.pair.take(text.slice(pos, amp)) + this.pair.finish() + '&';
        pos = amp + 1;
      }
      return out + this.pair.take(text.slice(pos));
    });
  }

  end(): string {
    return this.unemitted.around(this.pair.mark(), '', () => this.pair.finish());
  }

  drainRaw(): string {
    return this.unemitted.drain();
  }
}
