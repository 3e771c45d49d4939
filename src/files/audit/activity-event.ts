import type { Action, SessionActivity, SessionContext } from '../file-facts.js';
import { sessionFields, type SessionFields } from './session-fields.js';

/**
 * One attempt at a session activity (copy, cut, paste, print) in a proxied page that the
 * policy blocks or monitors, as written to the audit log. Same conventions as
 * FileAuditEvent: every field present, an unknown one null (a list []).
 */
export interface ActivityAuditEvent extends SessionFields {
  readonly type: 'activity-decision';
  /** ISO 8601, UTC. */
  readonly time: string;
  /** The app host (upstream), or null when the page's URL is not known. */
  readonly appHost: string | null;
  /** The page's URL (upstream, mapped back), or null when not known. */
  readonly url: string | null;
  readonly activity: SessionActivity;
  readonly rule: string | null;
  /** What the policy says of the activity in this session (`protect` blocks: see the reason). */
  readonly action: Exclude<Action, 'protect'>;
  /** Why, in words: the rule and the session facts that matched, or the default. */
  readonly reason: string;
}

/** Where the activity happened. */
export interface ActivityAttempt {
  readonly activity: SessionActivity;
  /** The page's URL, upstream (not proxied). */
  readonly url?: string | null;
  readonly appHost?: string | null;
}

/** What was decided: an `ActivityDecision` (activityDecision) fits. */
export interface ActivityOutcome {
  readonly action: Exclude<Action, 'protect'>;
  readonly rule?: string | null;
  readonly reason: string;
}

/** The audit event of one session activity; `now` defaults to the clock. */
export function activityAuditEvent(attempt: ActivityAttempt, session: SessionContext, outcome: ActivityOutcome, now: Date = new Date()): ActivityAuditEvent {
  return {
    type: 'activity-decision',
    time: now.toISOString(),
    ...sessionFields(session),
    appHost: attempt.appHost ?? null,
    url: attempt.url ?? null,
    activity: attempt.activity,
    rule: outcome.rule ?? null,
    action: outcome.action,
    reason: outcome.reason,
  };
}
