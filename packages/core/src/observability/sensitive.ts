import { z } from 'zod';
import { ValidationError } from '../errors/families.js';

/**
 * How a sensitive field is masked (DESIGN §7):
 * - `card_number`, `account_number`: at most the first 6 and last 4 digits stay visible (see `maskDigits`);
 * - `name`: the first character, then `***`;
 * - `secret` (keys, passwords, PINs, MACs), `personal` (birth dates, national ids, addresses): `[REDACTED]`.
 */
export type SensitiveKind = 'card_number' | 'account_number' | 'name' | 'secret' | 'personal';

/** Metadata stored for a schema marked with {@link sensitive}. */
export interface SensitiveMeta {
  kind: SensitiveKind;
}

const sensitiveKinds: ReadonlySet<string> = new Set<SensitiveKind>([
  'card_number',
  'account_number',
  'name',
  'secret',
  'personal',
]);

type SensitiveRegistry = z.core.$ZodRegistry<SensitiveMeta>;

// One registry per process, not per copy of core: a vendor package may load core's ESM build while the
// service logs through the CJS build, and marks made through one copy must be seen by the other
// (the same reason errors carry a Symbol.for brand, DESIGN §3).
const registryKey = Symbol.for('wirebridge.redaction.sensitive-registry');
const globalSlot = globalThis as { [registryKey]?: SensitiveRegistry };
if (globalSlot[registryKey] === undefined) globalSlot[registryKey] = z.registry<SensitiveMeta>();

/**
 * The zod registry holding every schema marked with {@link sensitive}. Exposed so tooling (fixture
 * scrubbers, documentation generators) can ask whether a schema is sensitive; add to it through
 * {@link sensitive}.
 */
export const sensitiveRegistry: SensitiveRegistry = globalSlot[registryKey];

/**
 * Marks `schema` as carrying sensitive data of the given kind and returns the same schema, so a vendor
 * declares redaction where it declares the field:
 *
 * ```ts
 * const Payer = z.object({ accountNumber: sensitive(z.string().regex(/^\d{10,16}$/), 'account_number') });
 * ```
 *
 * Schemas derived from a marked one by refinements or checks (`.min()`, `.refine()`) inherit the mark;
 * wrappers (`.optional()`, `.nullable()`, `.default()`, pipes, unions) are looked through by `redact`.
 * The mark belongs to the schema instance: mark a fresh schema, not one shared with unrelated fields.
 *
 * @throws {ValidationError} naming `kind` when the kind is not a {@link SensitiveKind}.
 */
export function sensitive<TSchema extends z.core.$ZodType>(schema: TSchema, kind: SensitiveKind): TSchema {
  if (!sensitiveKinds.has(kind)) {
    // A typo here would silently leak the field, so fail at declaration time with a message naming it.
    throw new ValidationError({
      message: 'sensitive(): unknown kind',
      issues: [
        { path: 'kind', message: `must be one of ${[...sensitiveKinds].join(', ')}`, code: 'invalid_value' },
      ],
    });
  }
  sensitiveRegistry.add(schema, { kind });
  return schema;
}

/** The kind `schema` itself was marked with (or inherited through zod's parent link), if any. */
export function sensitiveKindOf(schema: z.core.$ZodType): SensitiveKind | undefined {
  const meta = sensitiveRegistry.get(schema);
  return meta !== undefined && sensitiveKinds.has(meta.kind) ? meta.kind : undefined;
}
