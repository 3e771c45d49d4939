// The streaming JSON tokenizer behind the HAR reader: stream-json's pure tokenizer (no Node
// stream in between, so the reader pulls input at its own pace), fed decoded text.
import { StringDecoder } from 'node:string_decoder';
import { getManyValues, isMany, none } from 'stream-chain/defs.js';
import { jsonParser, type Token } from 'stream-json/core/parser.js';
import { HarFormatError } from './har-format-error.js';

export type { Token } from 'stream-json/core/parser.js';

/** Bytes in, tokens out. Strings come as startString, stringChunk…, endString (never whole);
 *  keys and numbers come packed (keyValue, numberValue). */
export interface JsonTokenizer {
  push(chunk: Uint8Array | string): Token[];
  /** Flush; throws HarFormatError when the document is incomplete. */
  end(): Token[];
}

const BOM = 0xfeff;

/** Input is tokenized in pieces of at most this many bytes (see push). */
const PIECE_BYTES = 16 * 1024;

export function createJsonTokenizer(): JsonTokenizer {
  const parse = jsonParser({ packStrings: false, streamStrings: true, streamKeys: false, streamNumbers: false });
  const decoder = new StringDecoder('utf8');
  let atStart = true;
  let bytesBefore = 0;
  let sawText = false;

  const tokens = (out: unknown): Token[] => (isMany(out) ? (getManyValues(out) as Token[]) : out === none ? [] : [out as Token]);

  const feed = (text: string, range: string): Token[] => {
    if (atStart && text.length > 0) {
      atStart = false;
      // A UTF-8 byte-order mark (Fiddler writes one) is not part of the JSON text.
      if (text.charCodeAt(0) === BOM) text = text.slice(1);
    }
    if (!sawText && /\S/.test(text)) sawText = true;
    try {
      return tokens(parse(text));
    } catch (err) {
      throw new HarFormatError(`not a HAR: invalid JSON ${range}: ${(err as Error).message}`);
    }
  };

  return {
    push(chunk) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      const out: Token[] = [];
      // Small pieces keep every string made from them out of V8's large-object space, which
      // only a full GC empties: a 1 GB input then streams in a steady, small heap.
      for (let at = 0; at < bytes.length; at += PIECE_BYTES) {
        const piece = bytes.subarray(at, at + PIECE_BYTES);
        const range = `in bytes ${bytesBefore}–${bytesBefore + piece.length}`;
        bytesBefore += piece.length;
        for (const token of feed(decoder.write(piece), range)) out.push(token);
      }
      return out;
    },
    end() {
      const rest = decoder.end();
      const head = rest ? feed(rest, `at byte ${bytesBefore}`) : [];
      if (!sawText) throw new HarFormatError('not a HAR: the input is empty');
      try {
        return [...head, ...tokens(parse(none as never))];
      } catch (err) {
        throw new HarFormatError(`not a HAR: the JSON is truncated (it ends after ${bytesBefore} bytes): ${(err as Error).message}`);
      }
    },
  };
}
