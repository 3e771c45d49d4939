import schema from '../schema/har-1.2.schema.json' with { type: 'json' };

/** What one field of a HAR 1.2 object must hold, read from the repo's JSON Schema. */
export interface FieldShape {
  readonly type: 'string' | 'number' | 'boolean' | 'array' | 'object';
  /** For `object`: the definition it refers to; for `array`: the definition of its items. */
  readonly definition?: string;
  /** An object field whose definition allows null (the cache states: null means "not in cache"). */
  readonly nullable: boolean;
  readonly minimum?: number;
  readonly pattern?: RegExp;
}

/** One HAR 1.2 object (a definition of the schema): its fields and what it requires. */
export interface ObjectShape {
  readonly name: string;
  readonly fields: ReadonlyMap<string, FieldShape>;
  readonly required: readonly string[];
  /** At least one of these must be present (postData: `text` or `params`); empty when no such rule. */
  readonly oneOf: readonly string[];
}

interface SchemaNode {
  type?: string | string[];
  $ref?: string;
  items?: SchemaNode;
  minimum?: number;
  pattern?: string;
  required?: string[];
  properties?: Record<string, SchemaNode>;
  anyOf?: Array<{ required?: string[] }>;
}

const definitions = (schema as { definitions: Record<string, SchemaNode> }).definitions;
const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);
const types = (node: SchemaNode) => (Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type]);

function fieldShape(node: SchemaNode): FieldShape {
  if (node.$ref !== undefined) {
    const definition = refName(node.$ref);
    return { type: 'object', definition, nullable: types(definitions[definition]).includes('null') };
  }
  const type = types(node)[0] as FieldShape['type'];
  return {
    type,
    nullable: false,
    ...(node.items?.$ref === undefined ? {} : { definition: refName(node.items.$ref) }),
    ...(node.minimum === undefined ? {} : { minimum: node.minimum }),
    ...(node.pattern === undefined ? {} : { pattern: new RegExp(node.pattern) }),
  };
}

const shapes = new Map<string, ObjectShape>();

/**
 * The shape of the HAR 1.2 object named `definition` (`log`, `entry`, `cookie`, …): the
 * JSON Schema the output is validated against is the one source of what the spec requires.
 */
export function shapeOf(definition: string): ObjectShape {
  let shape = shapes.get(definition);
  if (shape === undefined) {
    const node = definitions[definition];
    if (node === undefined) throw new Error(`no HAR 1.2 definition ${definition}`);
    shape = {
      name: definition,
      fields: new Map(Object.entries(node.properties ?? {}).map(([name, field]) => [name, fieldShape(field)])),
      required: node.required ?? [],
      oneOf: (node.anyOf ?? []).flatMap((branch) => branch.required ?? []),
    };
    shapes.set(definition, shape);
  }
  return shape;
}
