/** A policy that cannot be loaded: every problem, one line each; the message names the first and counts the rest. */
export class PolicyError extends Error {
  override readonly name = 'PolicyError';

  constructor(readonly problems: readonly string[], readonly source?: string) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
    super(`${source === undefined ? 'policy' : source}: ${problems[0] ?? 'invalid'}${more}`);
  }
}
