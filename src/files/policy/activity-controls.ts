import { SESSION_ACTIVITIES, type SessionActivity, type SessionContext } from '../file-facts.js';
import { activityDecision } from './activity-decision.js';
import type { Policy } from './policy.js';

/** How the client runtime treats one session activity in the page. */
export interface ActivityControl {
  /** `block`: the page refuses it and shows `message`; `monitor`: it happens and is audited. Both send an audit event. */
  readonly action: 'block' | 'monitor';
  /** Shown to the user (block) or available to show (monitor): the rule's message, else a default. */
  readonly message: string;
  /** The rule that decided, or null for the policy's default. */
  readonly rule: string | null;
}

/** The words the user sees when the rule gives none. */
const DEFAULT_MESSAGES: { readonly [A in SessionActivity]: { readonly block: string; readonly monitor: string } } = {
  copy: { block: 'Copying is blocked by your organization\'s policy.', monitor: 'Copying is monitored by your organization\'s policy.' },
  cut: { block: 'Cutting is blocked by your organization\'s policy.', monitor: 'Cutting is monitored by your organization\'s policy.' },
  paste: { block: 'Pasting is blocked by your organization\'s policy.', monitor: 'Pasting is monitored by your organization\'s policy.' },
  print: { block: 'Printing is blocked by your organization\'s policy.', monitor: 'Printing is monitored by your organization\'s policy.' },
};

/**
 * The controls the client runtime applies in this session's pages: one entry per session
 * activity the policy blocks or monitors, none for those it allows. Computed per
 * response from the session (the proxy keeps no state), so a change of device or
 * location takes effect on the next page.
 */
export function activityControls(policy: Policy, session: SessionContext): Partial<Record<SessionActivity, ActivityControl>> {
  const controls: Partial<Record<SessionActivity, ActivityControl>> = {};
  for (const activity of SESSION_ACTIVITIES) {
    const decision = activityDecision(policy, session, activity);
    if (decision.action === 'allow') continue;
    controls[activity] = { action: decision.action, message: decision.message ?? DEFAULT_MESSAGES[activity][decision.action], rule: decision.rule };
  }
  return controls;
}
