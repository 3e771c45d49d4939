import type { SensitivityLabel } from '../file-facts.js';
import { normalizeGuid } from './guid.js';

/**
 * The `MSIP_Label_<guid>_<property>` keys that Office writes as custom document
 * properties (docx/xlsx/pptx `docProps/custom.xml`) and into PDF metadata on export:
 * `_Enabled`, `_SetDate`, `_Method`, `_Name`, `_SiteId`, `_ActionId`, `_ContentBits`.
 */
export const MSIP_PREFIX = 'MSIP_Label_';

/** The property names of one label, in the order Office writes them. */
export const MSIP_PROPERTIES = ['Enabled', 'SetDate', 'Method', 'Name', 'SiteId', 'ActionId', 'ContentBits'] as const;

/** The label GUID and property of an `MSIP_Label_<guid>_<property>` key, or null for any other key. */
export function parseMsipKey(key: string): { readonly id: string; readonly property: string } | null {
  if (key.length > 200 || key.slice(0, MSIP_PREFIX.length).toLowerCase() !== MSIP_PREFIX.toLowerCase()) return null;
  const rest = key.slice(MSIP_PREFIX.length);
  const cut = rest.lastIndexOf('_');
  if (cut < 0) return null;
  const id = normalizeGuid(rest.slice(0, cut));
  return id ? { id, property: rest.slice(cut + 1).toLowerCase() } : null;
}

/** Collects `MSIP_Label_*` key/value pairs into labels, in the order their GUIDs first appear. */
export function labelsFromMsipEntries(
  entries: Iterable<readonly [string, string]>,
  source: SensitivityLabel['source'],
): SensitivityLabel[] {
  const byId = new Map<string, Record<string, string>>();
  for (const [key, value] of entries) {
    const parsed = parseMsipKey(key);
    if (!parsed) continue;
    const props = byId.get(parsed.id) ?? {};
    props[parsed.property] = value.trim();
    byId.set(parsed.id, props);
  }
  return [...byId].map(([id, props]) => {
    const siteId = props.siteid === undefined ? null : normalizeGuid(props.siteid);
    return {
      id,
      enabled: isTrue(props.enabled),
      source,
      ...(props.name ? { name: props.name } : {}),
      ...(siteId ? { siteId } : {}),
      ...(props.method ? { method: props.method } : {}),
    };
  });
}

/** Office writes `true`/`false`; `1` and any case are read as well. A missing value is not enabled. */
export function isTrue(value: string | undefined): boolean {
  const v = value?.trim().toLowerCase();
  return v === 'true' || v === '1';
}
