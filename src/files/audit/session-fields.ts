import type { SessionContext } from '../file-facts.js';

/** Who and where, as every audit event records it: an unknown field null, a list [] when none. */
export interface SessionFields {
  readonly user: string | null;
  readonly groups: readonly string[];
  readonly device: string | null;
  readonly ip: string | null;
  readonly location: readonly string[];
  readonly userAgent: string | null;
}

export function sessionFields(session: SessionContext): SessionFields {
  return {
    user: session.user ?? null,
    groups: [...(session.groups ?? [])],
    device: session.device ?? null,
    ip: session.ip ?? null,
    location: [...(session.location ?? [])],
    userAgent: session.userAgent ?? null,
  };
}
