import { compileLayout, registerPlan } from './layout-plan.js';
import type { FieldSpec, Layout } from './layout-types.js';

/** Options of {@link defineLayout}. */
export interface DefineLayoutOptions {
  /** Total width in bytes; the field lengths must add up to it exactly. */
  length: number;
}

/**
 * Declares a fixed-width layout: fields in wire order, each `{ name, length, type: 'N' | 'AN' | 'B', … }`, with
 * offsets implied by the order (specs/coocon.md §4.1). Everything that does not depend on the values is
 * checked and precomputed here, once:
 * - names are non-empty and unique, lengths positive integers, options known and well-typed;
 * - the lengths add up to `options.length` (a missing or mis-sized field fails here, naming the layout, not
 *   as a garbled telegram at run time);
 * - `fixed`/`default` values have the field's shape (digits that fit, exact byte length).
 *
 * The field list is a `const` type parameter, so no `as const` is needed for `LayoutValues` and
 * `LayoutInput` to infer each field's type from its declaration:
 *
 * ```ts
 * const deposit = defineLayout('deposit', [
 *   { name: 'messageType', length: 4, type: 'N', as: 'string', fixed: '0200' },
 *   { name: 'accountNumber', length: 16, type: 'AN', sensitive: 'account_number' },
 *   { name: 'amount', length: 13, type: 'N' },                  // number
 *   { name: 'depositorName', length: 20, type: 'AN', sensitive: 'name' },
 * ], { length: 53 });
 * ```
 *
 * The returned layout is frozen plain data (`name`, `length`, `fields` with offsets).
 *
 * @throws {ConfigError} naming the layout (and the field) for any invalid declaration.
 */
export function defineLayout<const Fields extends readonly FieldSpec[]>(
  name: string,
  fields: Fields,
  options: DefineLayoutOptions,
): Layout<Fields> {
  const { plan, fields: resolved } = compileLayout(
    name,
    fields,
    (options as Partial<DefineLayoutOptions>)?.length,
  );
  const layout: Layout<Fields> = Object.freeze({
    name: plan.name,
    length: plan.length,
    fields: Object.freeze(resolved),
  });
  registerPlan(layout, plan);
  return layout;
}
