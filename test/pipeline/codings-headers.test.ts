import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { canDecode, MAX_STACKED_CODINGS, narrowAcceptEncoding, parseContentEncoding, supportedCodings } from '../../src/pipeline/codings/index.js';

// Whether this Node can do zstd, asked of node:zlib directly (not of the code under test).
const runtimeHasZstd = typeof (zlib as unknown as Record<string, unknown>)['createZstdDecompress'] === 'function';

describe('parseContentEncoding (RFC 9110 section 8.4)', () => {
  it('lists codings in the order they were applied', () => {
    expect(parseContentEncoding('gzip, br')).toEqual({ codings: ['gzip', 'br'], unknown: [] });
    expect(parseContentEncoding('br, gzip')).toEqual({ codings: ['br', 'gzip'], unknown: [] });
  });

  it('treats x-gzip as gzip and names case-insensitively (8.4.1, 8.4.1.3)', () => {
    expect(parseContentEncoding('x-gzip').codings).toEqual(['gzip']);
    expect(parseContentEncoding('GZIP, Br, DEFLATE, ZSTD, X-Gzip').codings).toEqual(['gzip', 'br', 'deflate', 'zstd', 'gzip']);
  });

  it('ignores identity, empty list elements and whitespace (5.6.1)', () => {
    expect(parseContentEncoding(' , identity,\tgzip ,, ')).toEqual({ codings: ['gzip'], unknown: [] });
    expect(parseContentEncoding('identity')).toEqual({ codings: [], unknown: [] });
    expect(parseContentEncoding('')).toEqual({ codings: [], unknown: [] });
    expect(parseContentEncoding(undefined)).toEqual({ codings: [], unknown: [] });
  });

  it('reads repeated header lines as one comma-joined list, in order (5.3)', () => {
    expect(parseContentEncoding(['gzip', 'br'])).toEqual({ codings: ['gzip', 'br'], unknown: [] });
    expect(parseContentEncoding(['deflate, gzip', '', 'br'])).toEqual({ codings: ['deflate', 'gzip', 'br'], unknown: [] });
  });

  it('reports codings it does not know, and malformed elements, as unknown', () => {
    expect(parseContentEncoding('compress')).toEqual({ codings: [], unknown: ['compress'] });
    expect(parseContentEncoding('gzip, x-compress, BR')).toEqual({ codings: ['gzip', 'br'], unknown: ['x-compress'] });
    // Content codings take no parameters; "gzip;q=1" is not gzip, and a space is not a tchar.
    expect(parseContentEncoding('gzip;q=1').unknown).toEqual(['gzip;q=1']);
    expect(parseContentEncoding('g zip').unknown).toEqual(['g zip']);
  });
});

describe('supportedCodings and canDecode', () => {
  it('offers zstd exactly when node:zlib has it', () => {
    expect(supportedCodings()).toEqual(runtimeHasZstd ? ['gzip', 'deflate', 'br', 'zstd'] : ['gzip', 'deflate', 'br']);
    expect(canDecode(['zstd'])).toBe(runtimeHasZstd);
    expect(canDecode(parseContentEncoding('gzip, zstd'))).toBe(runtimeHasZstd);
  });

  it('accepts every supported coding, alone and stacked, and no coding at all', () => {
    expect(canDecode(parseContentEncoding('gzip, deflate, br'))).toBe(true);
    expect(canDecode(parseContentEncoding('x-gzip'))).toBe(true);
    expect(canDecode(['x-gzip', 'BR'])).toBe(true);
    expect(canDecode(parseContentEncoding('identity'))).toBe(true);
    expect(canDecode([])).toBe(true);
  });

  it('refuses a body with any unknown coding, so it passes byte-identical', () => {
    expect(canDecode(parseContentEncoding('gzip, compress'))).toBe(false);
    expect(canDecode(['gzip', 'compress'])).toBe(false);
    expect(canDecode(['identity'])).toBe(false); // not a coding: parseContentEncoding drops it, a raw list must not carry it
  });

  it(`refuses more than ${MAX_STACKED_CODINGS} stacked codings`, () => {
    expect(canDecode(Array(MAX_STACKED_CODINGS).fill('gzip'))).toBe(true);
    expect(canDecode(Array(MAX_STACKED_CODINGS + 1).fill('gzip'))).toBe(false);
    expect(canDecode(parseContentEncoding(Array(1000).fill('gzip').join(',')))).toBe(false);
  });
});

describe('narrowAcceptEncoding (RFC 9110 section 12.5.3)', () => {
  const zstdTail = runtimeHasZstd ? ', zstd' : '';

  it("keeps what browsers send that can be decoded; zstd only where the runtime has it", () => {
    // Chrome 123+ and Firefox 126+ send this; Safari sends "gzip, deflate, br".
    expect(narrowAcceptEncoding('gzip, deflate, br, zstd')).toBe('gzip, deflate, br' + zstdTail);
    expect(narrowAcceptEncoding('gzip, deflate, br')).toBe('gzip, deflate, br');
    expect(narrowAcceptEncoding('deflate, gzip, br, zstd')).toBe('deflate, gzip, br' + zstdTail);
  });

  it('keeps q-values and spellings as written', () => {
    expect(narrowAcceptEncoding('br;q=1.0, gzip;q=0.8, compress;q=0.5, identity;q=0.1')).toBe('br;q=1.0, gzip;q=0.8, identity;q=0.1');
    expect(narrowAcceptEncoding('X-GZIP ; q=0.5')).toBe('X-GZIP;q=0.5');
    expect(narrowAcceptEncoding('gzip;Q=0.5')).toBe('gzip;q=0.5');
    expect(narrowAcceptEncoding('gzip;q=0, br')).toBe('gzip;q=0, br');
  });

  it('reads repeated header lines as one list', () => {
    expect(narrowAcceptEncoding(['gzip', 'zstd, br'])).toBe('gzip, br' + zstdTail);
  });

  it('turns * into the decodable codings the header does not name, with its weight', () => {
    const rest = runtimeHasZstd ? 'deflate;q=0.1, br;q=0.1, zstd;q=0.1' : 'deflate;q=0.1, br;q=0.1';
    expect(narrowAcceptEncoding('gzip, *;q=0.1')).toBe(`gzip, ${rest}`);
    expect(narrowAcceptEncoding('*')).toBe(supportedCodings().join(', '));
    // *;q=0 only refuses what is not listed: it stays.
    expect(narrowAcceptEncoding('gzip, *;q=0')).toBe('gzip, *;q=0');
    // A coding refused by name is not brought back by *.
    expect(narrowAcceptEncoding('br;q=0, *')).toBe(runtimeHasZstd ? 'br;q=0, gzip, deflate, zstd' : 'br;q=0, gzip, deflate');
  });

  it('asks for identity when nothing decodable is left, since no header would mean "anything"', () => {
    expect(narrowAcceptEncoding('compress')).toBe('identity');
    expect(narrowAcceptEncoding('')).toBe('identity');
    expect(narrowAcceptEncoding(' , ')).toBe('identity');
    if (!runtimeHasZstd) expect(narrowAcceptEncoding('zstd')).toBe('identity');
  });

  it('leaves an absent header absent', () => {
    expect(narrowAcceptEncoding(undefined)).toBeUndefined();
  });

  it('drops malformed elements instead of forwarding them', () => {
    expect(narrowAcceptEncoding('gzip;q=2, br')).toBe('br'); // qvalue above 1
    expect(narrowAcceptEncoding('gzip;q=0.1234, br')).toBe('br'); // more than three decimals
    expect(narrowAcceptEncoding('gzip;level=9, br')).toBe('br'); // only a weight is allowed
    expect(narrowAcceptEncoding('gzip;q=0.5;q=0.4, br')).toBe('br');
    expect(narrowAcceptEncoding('g\u00e9zip, br')).toBe('br');
  });
});
