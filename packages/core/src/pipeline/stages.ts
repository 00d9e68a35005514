import { ConfigError } from '../errors/families.js';
import type { Stage, StageInsertion } from './operation-types.js';

/** Names of the stages every attempt runs, in order. */
export const DEFAULT_STAGE_NAMES = ['encode', 'transport', 'decode'] as const;

/** Returns `stages` with each insertion placed before/after the named stage. */
export function insertStages(stages: readonly Stage[], insertions: readonly StageInsertion[]): Stage[] {
  const result = [...stages];
  for (const insertion of insertions) {
    const anchor = 'before' in insertion ? insertion.before : insertion.after;
    const index = result.findIndex((stage) => stage.name === anchor);
    if (index === -1) {
      throw new ConfigError({
        message: `cannot insert stage "${insertion.stage.name}": no stage "${anchor}"`,
      });
    }
    result.splice('before' in insertion ? index : index + 1, 0, insertion.stage);
  }
  return result;
}
