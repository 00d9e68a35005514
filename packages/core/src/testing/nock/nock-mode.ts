import { ConfigError } from '../../errors/index.js';

/**
 * How `withNockFixture` uses its fixture (DESIGN §9: record against a simulator or a sandbox, replay in
 * lockdown in CI):
 * - `lockdown` — replay only; the fixture must exist and no request reaches the network;
 * - `record` — record when the fixture does not exist yet, otherwise replay it in lockdown;
 * - `update` — record again and replace the fixture once the run succeeded.
 */
export type NockFixtureMode = 'lockdown' | 'record' | 'update';

/** The environment variable that chooses the mode. */
export const NOCK_MODE_VARIABLE = 'WIREBRIDGE_NOCK_MODE';

const modes: readonly NockFixtureMode[] = ['lockdown', 'record', 'update'];

/**
 * Reads the mode from the environment: `WIREBRIDGE_NOCK_MODE`, `lockdown` when unset, and always `lockdown`
 * when `CI` is set (to anything but `false`/`0`), so a CI run can never record or reach a vendor.
 * @throws ConfigError naming the variable when it holds an unknown mode.
 */
export function resolveNockFixtureMode(
  env: Readonly<Record<string, string | undefined>> = process.env,
): NockFixtureMode {
  const ci = env.CI?.trim().toLowerCase();
  if (ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0') return 'lockdown';
  const value = env[NOCK_MODE_VARIABLE]?.trim().toLowerCase();
  if (value === undefined || value === '') return 'lockdown';
  if ((modes as readonly string[]).includes(value)) return value as NockFixtureMode;
  throw new ConfigError({
    message: `${NOCK_MODE_VARIABLE} must be one of ${modes.join(', ')} (got ${JSON.stringify(value.slice(0, 20))})`,
  });
}
