import { attribute, element, withPrefixOf, type XmlElement } from './xml-tree.js';
import { CONTENT_TYPES_NS, RELATIONSHIPS_NS, relationshipElements, relationshipTarget } from './ooxml-package.js';

/**
 * Edits of an OPC package's `[Content_Types].xml` and `/_rels/.rels` (ECMA-376 part 2):
 * a part is only seen by Office when its content type is declared and, for package-level
 * parts, a package relationship points at it.
 */

/** The package relationships with one of each type pointing at its part (`[type, entry name]`), added where none of that type exists. */
export function withPackageRelationships(existing: XmlElement | null, wanted: ReadonlyArray<readonly [string, string]>): XmlElement {
  const root = existing ?? element('Relationships', RELATIONSHIPS_NS, [['xmlns', RELATIONSHIPS_NS]]);
  const ids = new Set(relationshipElements(root).map((r) => attribute(r, 'Id')));
  const added: XmlElement[] = [];
  let n = ids.size;
  for (const [type, path] of wanted) {
    if (relationshipTarget(root, type) !== null) continue;
    let id: string;
    do id = `rId${++n}`;
    while (ids.has(id));
    ids.add(id);
    added.push(element(withPrefixOf(root.name, 'Relationship'), RELATIONSHIPS_NS, [['Id', id], ['Type', type], ['Target', path]]));
  }
  return { ...root, children: [...root.children, ...added] };
}

/** The content types with an `Override` for each part (`[entry name, content type]`), replacing the type of one already there. */
export function withOverrides(contentTypes: XmlElement, parts: ReadonlyArray<readonly [string, string]>): XmlElement {
  const children = [...contentTypes.children];
  for (const [path, type] of parts) {
    const partName = `/${path}`;
    const existing = children.find(
      (c): c is XmlElement =>
        typeof c !== 'string' && c.uri === CONTENT_TYPES_NS && c.local === 'Override' && attribute(c, 'PartName')?.toLowerCase() === partName.toLowerCase(),
    );
    const typeAttribute = existing?.attributes.find((a) => a.uri === '' && a.local === 'ContentType');
    if (typeAttribute) typeAttribute.value = type;
    else if (existing) existing.attributes.push({ name: 'ContentType', uri: '', local: 'ContentType', value: type });
    else children.push(element(withPrefixOf(contentTypes.name, 'Override'), CONTENT_TYPES_NS, [['PartName', partName], ['ContentType', type]]));
  }
  return { ...contentTypes, children };
}
