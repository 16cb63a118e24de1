import type { z } from 'zod';
import { expectations, type Expectation } from './expectations.js';

/**
 * Finds the schema that describes a value at an issue path, so error lines can use the
 * field's own wording (see expectations.ts) instead of zod's generic messages.
 */

type Schema = z.core.$ZodType;
type Segment = PropertyKey;

/** The schema and the wrappers inside it (optional, defaults, transforms), outermost first. */
function layers(schema: Schema): Schema[] {
  const out: Schema[] = [];
  for (let s: Schema | undefined = schema; s;) {
    out.push(s);
    const def = s._zod.def as { type: string; innerType?: Schema; in?: Schema };
    s = def.type === 'pipe' ? def.in : def.innerType;
  }
  return out;
}

function child(schema: Schema, segment: Segment, want: 'key' | 'value'): Schema | undefined {
  for (const layer of layers(schema)) {
    const def = layer._zod.def;
    if (def.type === 'object' && typeof segment === 'string') {
      const shape = (def as z.core.$ZodObjectDef).shape;
      return Object.hasOwn(shape, segment) ? shape[segment] : undefined;
    }
    if (def.type === 'array' && typeof segment === 'number') return (def as z.core.$ZodArrayDef).element;
    if (def.type === 'record') {
      const record = def as z.core.$ZodRecordDef;
      return want === 'key' ? record.keyType : record.valueType;
    }
  }
  return undefined;
}

/** Schema for the value at `path`; with want 'key', for the key that ends the path. */
export function schemaAt(root: Schema, path: readonly Segment[], want: 'key' | 'value' = 'value') {
  let schema: Schema | undefined = root;
  path.forEach((segment, i) => {
    if (schema) schema = child(schema, segment, i === path.length - 1 ? want : 'value');
  });
  return schema;
}

export function expectationOf(schema: Schema | undefined): Expectation | undefined {
  if (!schema) return undefined;
  for (const layer of layers(schema)) {
    const found = expectations.get(layer);
    if (found) return found;
  }
  return undefined;
}

/** Keys an object schema allows, for "unknown key" messages. */
export function allowedKeys(schema: Schema | undefined): string[] {
  for (const layer of schema ? layers(schema) : []) {
    const def = layer._zod.def;
    if (def.type === 'object') return Object.keys((def as z.core.$ZodObjectDef).shape);
  }
  return [];
}
