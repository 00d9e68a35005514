import { maskValue } from '../observability/masking.js';
import { planOf } from './layout-plan.js';
import type { Layout } from './layout-types.js';

/**
 * A copy of decoded (or to-be-encoded) `values` that is safe to log or attach to error details: every field
 * declared `sensitive` is masked by core's rules for its kind (DESIGN §7: account numbers keep at most the
 * first 6 and last 4 digits, names their first character, secrets and personal data become `[REDACTED]`).
 * Other fields, and properties that are not fields of the layout, are copied as they are.
 *
 * @throws {ConfigError} when `layout` is not a valid layout.
 */
export function redactLayoutValues(
  layout: Layout,
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const plan = planOf(layout);
  const redacted: Record<string, unknown> = { ...values };
  for (const field of plan.fields) {
    if (field.sensitive === undefined || !Object.hasOwn(redacted, field.name)) continue;
    // maskValue turns what its rule cannot mask (raw bytes of a B field) into `[REDACTED]`.
    redacted[field.name] = maskValue(redacted[field.name], field.sensitive);
  }
  return redacted;
}
