import type { z } from 'zod';
import { type SensitiveKind, sensitiveKindOf } from './sensitive.js';

/*
 * Follows a zod 4 schema alongside a value, so `redact` knows which schema describes each field. It reads
 * zod's `_zod.def`, which is how zod's own tooling (JSON Schema generation) walks schemas.
 *
 * A value position is described by a list of candidate schemas rather than one: a union, an intersection
 * or a pipe contributes all of its members. A field is masked if any candidate marks it, which can only
 * mask more, never less.
 */

/** A schema as seen by the walker. */
export type AnySchema = z.core.$ZodType;

/** The parts of zod's internal definitions the walker reads. */
interface LooseDefinition {
  type: string;
  innerType?: AnySchema;
  options?: readonly AnySchema[];
  left?: AnySchema;
  right?: AnySchema;
  in?: AnySchema;
  out?: AnySchema;
  getter?: () => AnySchema;
  shape?: Record<string, AnySchema>;
  catchall?: AnySchema;
  element?: AnySchema;
  items?: readonly AnySchema[];
  rest?: AnySchema | null;
  valueType?: AnySchema;
}

/** What the walker knows about one value position after looking through wrappers. */
export interface SchemaView {
  /** The strongest sensitive kind found on any candidate or wrapper. */
  kind?: SensitiveKind;
  /** Candidate schemas describing the structure (objects, arrays, records…). */
  structural: readonly AnySchema[];
}

const emptyView: SchemaView = { structural: [] };
/** Bounds the work per value position for pathological schemas (lazy schemas returning themselves). */
const maxSchemasPerPosition = 256;

/** Wrappers whose `innerType` describes the same value. */
const innerTypeWrappers: ReadonlySet<string> = new Set([
  'optional',
  'nullable',
  'default',
  'prefault',
  'catch',
  'readonly',
  'nonoptional',
]);

const kindStrength: Record<SensitiveKind, number> = {
  name: 1,
  account_number: 2,
  card_number: 2,
  personal: 3,
  secret: 3,
};

/** Looks through wrappers, unions, intersections, pipes and lazy schemas of every candidate. */
export function viewOf(candidates: readonly AnySchema[]): SchemaView {
  if (candidates.length === 0) return emptyView;
  const structural: AnySchema[] = [];
  const seen = new Set<AnySchema>();
  const pending = [...candidates];
  let kind: SensitiveKind | undefined;
  while (pending.length > 0 && seen.size < maxSchemasPerPosition) {
    const schema = pending.pop()!;
    if (seen.has(schema)) continue;
    seen.add(schema);
    const marked = sensitiveKindOf(schema);
    if (marked !== undefined && (kind === undefined || kindStrength[marked] > kindStrength[kind]))
      kind = marked;
    const definition = definitionOf(schema);
    if (definition === undefined) continue;
    const inner = innerSchemasOf(definition);
    if (inner === undefined) structural.push(schema);
    else pending.push(...inner);
  }
  return kind === undefined ? { structural } : { kind, structural };
}

/** Schemas describing the value under `key` of an object described by `view`. */
export function propertySchemas(view: SchemaView, key: string): AnySchema[] {
  const result: AnySchema[] = [];
  for (const schema of view.structural) {
    const definition = definitionOf(schema);
    if (definition?.type === 'object') {
      const shape = definition.shape;
      const field = shape !== undefined && Object.hasOwn(shape, key) ? shape[key] : definition.catchall;
      if (field !== undefined) result.push(field);
    } else if (definition?.type === 'record' && definition.valueType !== undefined) {
      result.push(definition.valueType);
    }
  }
  return result;
}

/** Schemas describing item `index` of an array (or tuple, or set) described by `view`. */
export function itemSchemas(view: SchemaView, index: number): AnySchema[] {
  const result: AnySchema[] = [];
  for (const schema of view.structural) {
    const definition = definitionOf(schema);
    if (definition?.type === 'array' && definition.element !== undefined) result.push(definition.element);
    else if (definition?.type === 'set' && definition.valueType !== undefined)
      result.push(definition.valueType);
    else if (definition?.type === 'tuple') {
      const item = definition.items?.[index] ?? definition.rest ?? undefined;
      if (item !== undefined) result.push(item);
    }
  }
  return result;
}

/** Schemas describing the values of a `Map` described by `view` (a `z.map` or a `z.record`). */
export function mapValueSchemas(view: SchemaView): AnySchema[] {
  const result: AnySchema[] = [];
  for (const schema of view.structural) {
    const definition = definitionOf(schema);
    if ((definition?.type === 'map' || definition?.type === 'record') && definition.valueType !== undefined) {
      result.push(definition.valueType);
    }
  }
  return result;
}

function definitionOf(schema: AnySchema): LooseDefinition | undefined {
  try {
    return (schema as { _zod?: { def?: LooseDefinition } })._zod?.def;
  } catch {
    return undefined;
  }
}

/** The schemas a wrapper-like definition stands for, or `undefined` when it describes structure itself. */
function innerSchemasOf(definition: LooseDefinition): AnySchema[] | undefined {
  if (innerTypeWrappers.has(definition.type)) return definition.innerType ? [definition.innerType] : [];
  switch (definition.type) {
    case 'union':
      return [...(definition.options ?? [])];
    case 'intersection':
      return [definition.left, definition.right].filter((schema) => schema !== undefined);
    case 'pipe':
      // Logged values may be the input (before a transform) or the output (after it): consider both.
      return [definition.in, definition.out].filter((schema) => schema !== undefined);
    case 'lazy':
      return lazyTarget(definition);
    default:
      return undefined;
  }
}

function lazyTarget(definition: LooseDefinition): AnySchema[] {
  try {
    const target = definition.getter?.();
    return target === undefined ? [] : [target];
  } catch {
    return [];
  }
}
