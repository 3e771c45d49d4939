import type { SensitivityLabel } from '../file-facts.js';
import type { LabelDefinition } from '../protector.js';
import type { Condition } from './condition.js';
import { normalGuid } from './guid.js';
import { evaluateList, type ValueList } from './value-list.js';

/** A `label` value: a GUID, or a name (lower-case). */
export type LabelMatcher = { readonly id: string } | { readonly name: string };

export function parseLabelValue(value: string): LabelMatcher {
  const id = normalGuid(value);
  return id !== null ? { id } : { name: value.toLowerCase() };
}

/**
 * `label`: the sensitivity labels read from the file, enabled ones only. A GUID matches a
 * label with that id; a name matches a label the file names so (custom properties and
 * PDFs carry names) or whose GUID the policy's `labels` map gives that name (LabelInfo.xml
 * carries GUIDs only). Names compare ignoring case.
 */
export function labelCondition(list: ValueList<LabelMatcher>, definitions: readonly LabelDefinition[]): Condition {
  const named = new Map<string, string>(definitions.map((d) => [d.id, d.name]));
  const idOf = (label: SensitivityLabel) => normalGuid(label.id) ?? label.id.toLowerCase();
  const matches = (m: LabelMatcher, label: SensitivityLabel) =>
    'id' in m ? idOf(label) === m.id : label.name?.toLowerCase() === m.name || named.get(idOf(label))?.toLowerCase() === m.name;
  return {
    dimension: 'label',
    fromFacts: () => 'needs-content',
    fromContent: async (evidence) => {
      const labels = await evidence.labels();
      if (!('value' in labels)) return { met: 'cannot-inspect', reason: labels.cannotInspect };
      const enabled = labels.value.filter((l) => l.enabled);
      return evaluateList('label', list, enabled, matches, (l) => l.name ?? named.get(idOf(l)) ?? idOf(l));
    },
  };
}
