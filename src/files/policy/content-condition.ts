import { NOT_MET, type Condition } from './condition.js';
import type { ContentPattern } from './content-pattern.js';
import type { ValueList } from './value-list.js';

/**
 * `content`: regular expressions searched in the file's text. A pattern found in the text
 * that was read counts even when the text was cut short (at the character limit, or in
 * a file only partly readable): what is there is there, unless the match needed the text
 * to end at the cut (`a+$` on the first million characters). What was not read can still hold
 * a pattern, so a positive pattern not found, or a negated one (which must be absent from
 * all of the text), cannot be decided on a cut text: the cannot-inspect setting applies.
 */
export function contentCondition(list: ValueList<ContentPattern>): Condition {
  return {
    dimension: 'content',
    fromFacts: () => 'needs-content',
    fromContent: async (evidence) => {
      const { text, cannotInspect } = await evidence.text();
      const foundIn = (v: { matcher: ContentPattern }) => (cannotInspect === null ? v.matcher.foundIn(text) : v.matcher.foundInCut(text));
      if (list.negative.some(foundIn)) return NOT_MET;
      const found = list.positive.find(foundIn);
      const positiveMet = list.positive.length === 0 || found !== undefined;
      if (cannotInspect !== null && (!positiveMet || list.negative.length > 0)) return { met: 'cannot-inspect', reason: cannotInspect };
      if (!positiveMet) return NOT_MET;
      // The pattern, not the text it found: a reason goes to the audit log, the matched text may be the secret.
      return { met: true, because: found !== undefined ? `content /${found.source}/` : `content not ${list.negative.map((v) => `/${v.source}/`).join('|')}` };
    },
  };
}
