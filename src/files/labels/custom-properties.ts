import type { SensitivityLabel } from '../file-facts.js';
import { labelsFromMsipEntries, MSIP_PROPERTIES, parseMsipKey } from './msip-properties.js';
import { attribute, element, textOf, withPrefixOf, type XmlElement } from './xml-tree.js';

/** `docProps/custom.xml`, ECMA-376 part 1 §22.3: `property` elements, each with one variant-typed value. */
export const CUSTOM_PROPERTIES_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties';
export const VTYPES_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes';
/** The format id every custom property carries (FMTID_UserDefinedProperties). */
const USER_DEFINED_FMTID = '{D5CDD505-2E9C-101B-9397-08002B2CF9AE}';

function isPropertiesRoot(root: XmlElement): boolean {
  return root.uri === CUSTOM_PROPERTIES_NS && root.local === 'Properties';
}

function propertyElements(root: XmlElement): XmlElement[] {
  return root.children.filter((c): c is XmlElement => typeof c !== 'string' && c.uri === CUSTOM_PROPERTIES_NS && c.local === 'property');
}

/** The `MSIP_Label_*` labels among the custom properties ([] for a part that is not custom properties). */
export function labelsFromCustomProperties(root: XmlElement): SensitivityLabel[] {
  if (!isPropertiesRoot(root)) return [];
  const entries = propertyElements(root).map((p) => [attribute(p, 'name') ?? '', textOf(p)] as const);
  return labelsFromMsipEntries(entries, 'custom-properties');
}

/** The values of a label's custom properties, in the order Office writes them. */
export type MsipValues = Readonly<Record<(typeof MSIP_PROPERTIES)[number], string>>;

/**
 * The custom properties with this label's `MSIP_Label_<guid>_*` properties (replacing any of
 * the same GUID), every other property kept with its `pid`; new ones take the next free
 * `pid`s (2 is the first a custom property may have). `existing` null: a new part.
 * Returns null when `existing` is not a custom properties part.
 */
export function withLabelProperties(existing: XmlElement | null, labelId: string, values: MsipValues): XmlElement | null {
  const root = existing ?? element('Properties', CUSTOM_PROPERTIES_NS, [['xmlns', CUSTOM_PROPERTIES_NS], ['xmlns:vt', VTYPES_NS]]);
  if (!isPropertiesRoot(root)) return null;
  const propertyName = withPrefixOf(root.name, 'property');
  const vtPrefix = declareVtPrefix(root);
  const kept = root.children.filter((c) => typeof c === 'string' || !isOwnProperty(c, labelId));
  let pid = Math.max(1, ...propertyElements({ ...root, children: kept }).map((p) => Number(attribute(p, 'pid')) || 0)) + 1;
  const added = MSIP_PROPERTIES.map((property) =>
    element(
      propertyName,
      CUSTOM_PROPERTIES_NS,
      [['fmtid', USER_DEFINED_FMTID], ['pid', String(pid++)], ['name', `MSIP_Label_${labelId}_${property}`]],
      [element(`${vtPrefix}:lpwstr`, VTYPES_NS, [], [values[property]])],
    ),
  );
  return { ...root, children: [...kept, ...added] };
}

function isOwnProperty(node: XmlElement, labelId: string): boolean {
  return node.uri === CUSTOM_PROPERTIES_NS && node.local === 'property' && parseMsipKey(attribute(node, 'name') ?? '')?.id === labelId;
}

/** The prefix bound to the variant types namespace on the root, declaring `vt` (or a free prefix) when none is. */
function declareVtPrefix(root: XmlElement): string {
  const declared = root.attributes.find((a) => a.name.startsWith('xmlns:') && a.value === VTYPES_NS);
  if (declared) return declared.name.slice('xmlns:'.length);
  const taken = new Set(root.attributes.filter((a) => a.name.startsWith('xmlns:')).map((a) => a.name.slice('xmlns:'.length)));
  let prefix = 'vt';
  for (let n = 1; taken.has(prefix); n++) prefix = `vt${n}`;
  root.attributes.push({ name: `xmlns:${prefix}`, uri: 'http://www.w3.org/2000/xmlns/', local: prefix, value: VTYPES_NS });
  return prefix;
}
