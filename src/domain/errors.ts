/**
 * Thrown for a configuration the library refuses to run with: a pattern that would
 * cover a public suffix, a malformed proxy suffix, a port out of range. Raised at
 * construction time so a misconfigured proxy never starts.
 */
export class ConfigError extends Error {
  readonly code = 'ERR_SPR_CONFIG';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Thrown when a protected host cannot be expressed under the proxy suffix, e.g. a
 * `flat` label longer than 63 characters. Rewriters catch it, leave that occurrence
 * as it was and report it; they never truncate.
 */
export class MappingError extends Error {
  readonly code = 'ERR_SPR_MAPPING';
  constructor(message: string, readonly host: string) {
    super(message);
    this.name = 'MappingError';
  }
}
