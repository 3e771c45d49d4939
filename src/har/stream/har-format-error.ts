/**
 * The input is not a HAR: not JSON, truncated JSON, no top-level `log` object, `log.entries`
 * missing or not an array, an entry that is not an object. The CLI maps it to exit 2.
 * Messy but readable HARs never raise it: their oddities are reported as problems.
 */
export class HarFormatError extends Error {
  override readonly name = 'HarFormatError';
}
