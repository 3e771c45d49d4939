/**
 * The policy file and the built-in policy classifier (README "The policy file"): its
 * format, its validation with one line per problem, and the classifier that applies it.
 */
export type {
  CannotInspectSetting,
  CannotProtectAction,
  Decide,
  LabelReferenceDocument,
  MatchDimension,
  MatchDocument,
  PolicyDefaultDocument,
  PolicyDocument,
  PolicyRuleDocument,
  ProtectSpecDocument,
} from './policy-document.js';
export { FILE_DIMENSIONS, MATCH_DIMENSIONS } from './policy-document.js';
export type { Policy } from './policy.js';
export { PolicyError } from './policy-error.js';
export { checkPolicy, loadPolicy } from './load-policy.js';
export { parsePolicyText } from './parse-policy-text.js';
export { policyClassifier } from './policy-classifier.js';
export { activityDecision, type ActivityDecision } from './activity-decision.js';
export { activityControls, type ActivityControl } from './activity-controls.js';
