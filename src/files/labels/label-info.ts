import { UnreadableFileError, type SensitivityLabel } from '../file-facts.js';
import { normalizeGuid } from './guid.js';
import { attribute, childElements, escapeAttribute, type XmlElement } from './xml-tree.js';

/**
 * `docMetadata/LabelInfo.xml`, [MS-OFFCRYPTO] 2.6.4: a `clbl:labelList` of `clbl:label`
 * elements carrying GUIDs only (`id`, `siteId` in braces), `enabled`, `method`,
 * `contentBits` and `removed`.
 */
export const LABELINFO_NS = 'http://schemas.microsoft.com/office/2020/mipLabelMetadata';

/** The labels of a LabelInfo part. A label marked `removed` is not enabled. */
export function labelsFromLabelInfo(root: XmlElement): SensitivityLabel[] {
  if (root.uri !== LABELINFO_NS || root.local !== 'labelList') {
    throw new UnreadableFileError('corrupt', `LabelInfo.xml has the root element ${root.name}, not clbl:labelList`);
  }
  const labels: SensitivityLabel[] = [];
  for (const element of childElements(root, LABELINFO_NS, 'label')) {
    const id = normalizeGuid(attribute(element, 'id') ?? '');
    if (!id) continue;
    const siteId = normalizeGuid(attribute(element, 'siteId') ?? '');
    const method = attribute(element, 'method');
    labels.push({
      id,
      enabled: xsdBoolean(attribute(element, 'enabled')) && !xsdBoolean(attribute(element, 'removed')),
      source: 'labelinfo',
      ...(siteId ? { siteId } : {}),
      ...(method ? { method } : {}),
    });
  }
  return labels;
}

/** xsd:boolean: `true`, `1` (and white space around). */
function xsdBoolean(value: string | null): boolean {
  const v = value?.trim();
  return v === 'true' || v === '1';
}

/** A LabelInfo part holding one enabled label, its attributes in the schema's order. */
export function labelInfoXml(label: { readonly id: string; readonly siteId: string; readonly method: string }): string {
  return (
    '<?xml version="1.0" encoding="utf-8" standalone="yes"?>\r\n' +
    `<clbl:labelList xmlns:clbl="${LABELINFO_NS}">` +
    `<clbl:label id="{${label.id}}" enabled="1" method="${escapeAttribute(label.method)}" siteId="{${label.siteId}}" removed="0" />` +
    '</clbl:labelList>'
  );
}
