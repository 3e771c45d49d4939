import { UsageError } from '../config.js';

/**
 * A whole number from the command line, within [min, max]. Only decimal digits count:
 * `Number()` would take `0x1F`, `1e3` and `''` (zero), none of which an admin means.
 */
export function parseIntegerOption(text: string, name: string, min: number, max: number): number {
  const n = /^[0-9]{1,15}$/.test(text) ? Number(text) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}`);
  return n;
}
