import { describe, expect, it } from 'vitest';
import { parseContentRange } from '../../../src/files/detect/index.js';

// RFC 9110 §14.4: Content-Range = range-unit SP ( range-resp / unsatisfied-range ).
describe('parseContentRange', () => {
  it.each([
    ['a first part', 'bytes 0-499/1234', { first: 0, last: 499, complete: 1234 }],
    ['a middle part', 'bytes 500-999/1234', { first: 500, last: 999, complete: 1234 }],
    ['the last byte', 'bytes 1233-1233/1234', { first: 1233, last: 1233, complete: 1234 }],
    ['an unknown length', 'bytes 0-499/*', { first: 0, last: 499, complete: null }],
    ['the unit in upper case (§14.1: case-insensitive)', 'BYTES 0-0/1', { first: 0, last: 0, complete: 1 }],
    ['optional whitespace around the value', ' \tbytes 7-9/10\t ', { first: 7, last: 9, complete: 10 }],
    ['leading zeros (still digits)', 'bytes 0042-0043/0100', { first: 42, last: 43, complete: 100 }],
    ['a 1 GiB file', 'bytes 0-1073741823/1073741824', { first: 0, last: 1073741823, complete: 1073741824 }],
  ])('%s: %j', (_case, value, range) => {
    expect(parseContentRange(value)).toEqual(range);
  });

  it.each([
    ['bytes */1234', 'the unsatisfied form (a 416): no bytes of the file'],
    ['bytes 500-499/1234', 'last before first'],
    ['bytes 0-1234/1234', 'last at the complete length'],
    ['bytes 0-1300/1234', 'last past the complete length'],
    ['bytes 0-499/0', 'complete length zero'],
    ['bytes=0-499/1234', 'the Range syntax, not Content-Range'],
    ['bytes  0-499/1234', 'two spaces'],
    ['bytes 0 - 499/1234', 'spaces inside'],
    ['bytes -0-499/1234', 'a sign'],
    ['bytes +0-499/1234', 'a plus sign'],
    ['bytes 0-499/1234x', 'trailing garbage'],
    ['bytes 0-499/1234, bytes 500-999/1234', 'a list'],
    ['bytes 0x10-0x20/100', 'hex'],
    ['bytes 0.5-1/2', 'a fraction'],
    ['bytes 0-499', 'no length'],
    ['bytes 0-/1234', 'no last position'],
    ['bytes -499/1234', 'no first position'],
    ['items 0-4/10', 'another unit'],
    ['0-499/1234', 'no unit'],
    ['bytes 0-9007199254740992/9007199254740993', 'past 2^53 - 1'],
    ['bytes ０-１/２', 'non-ASCII digits'],
    ['', 'empty'],
  ])('%s is null (%s)', (value) => {
    expect(parseContentRange(value)).toBeNull();
  });

  it('no header is null', () => {
    expect(parseContentRange(undefined)).toBeNull();
  });
});
