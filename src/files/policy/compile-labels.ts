import type { LabelDefinition } from '../protector.js';
import { normalGuid } from './guid.js';
import { isObject, type Problems } from './problems.js';
import { shown } from './where.js';

/**
 * The policy's `labels` map as label definitions: `"Confidential": "<guid>"` or
 * `"Confidential": { "id": "<guid>", "siteId": "<tenant guid>" }`. Names compare ignoring
 * case, so two names that differ only in case are one name given twice; a GUID named
 * twice would make a reason (and a stamped label) ambiguous.
 */
export function compileLabels(value: unknown, problems: Problems): LabelDefinition[] {
  if (!isObject(value)) return [];
  const definitions: LabelDefinition[] = [];
  const byName = new Map<string, string>();
  const byId = new Map<string, string>();
  for (const [name, ref] of Object.entries(value)) {
    const path = ['labels', name];
    const written = typeof ref === 'string' ? { id: ref, at: path } : isObject(ref) && typeof ref.id === 'string' ? { id: ref.id, at: [...path, 'id'] } : null;
    if (written === null) continue; // the shape check has said what is wrong
    if (name.trim() === '') problems.add(path, 'a label name cannot be empty');
    else if (normalGuid(name) !== null) problems.add(path, 'a label name cannot be a GUID (a "label" value that is a GUID is read as a GUID)');
    const id = normalGuid(written.id);
    if (id === null) problems.add(written.at, `${shown(written.id)} is not a GUID (like 3f2a9d0e-1b2c-4d5e-8f90-a1b2c3d4e5f6)`);
    let siteId: string | undefined;
    if (isObject(ref) && typeof ref.siteId === 'string') {
      siteId = normalGuid(ref.siteId) ?? undefined;
      if (siteId === undefined) problems.add([...path, 'siteId'], `${shown(ref.siteId)} is not a GUID`);
    }
    const key = name.toLowerCase();
    const sameName = byName.get(key);
    if (sameName !== undefined) problems.add(path, `is the same name as ${JSON.stringify(sameName)} (label names compare ignoring case)`);
    const sameId = id === null ? undefined : byId.get(id);
    if (sameId !== undefined) problems.add(written.at, `${id} is also the GUID of ${JSON.stringify(sameId)}`);
    if (id === null || sameName !== undefined || sameId !== undefined) continue;
    byName.set(key, name);
    byId.set(id, name);
    definitions.push(siteId === undefined ? { name, id } : { name, id, siteId });
  }
  return definitions;
}
