import type { CodesTable } from '@wirebridge/core';
import type { OutboundSettings } from '../wire/coocon-outbound.js';

/** What every operation declaration of one client shares. @internal */
export interface OperationSettings extends OutboundSettings {
  readonly codes: CodesTable;
  /** Delays before each resolver call after an unknown outcome; undefined = core's default. */
  readonly resolutionDelaysMs: readonly number[] | undefined;
}
