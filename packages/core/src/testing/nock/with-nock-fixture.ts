import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../../errors/index.js';
import type { ReplayMismatchError } from '../replay-mismatch-error.js';
import { checkFixtureArguments } from './check-fixture-arguments.js';
import { createFixtureScrubber, type FixtureScrubOptions } from './fixture-scrubber.js';
import { FixtureSession } from './fixture-session.js';
import { loadNock } from './load-nock.js';
import type { NockFixtureContext, NockFixtureOptions } from './nock-fixture-types.js';
import { resolveNockFixtureMode } from './nock-mode.js';

/** Only one fixture at a time: nock's interception, recorder and nock.back settings are process-global. */
let active = false;

/**
 * Runs `run` with its HTTP traffic recorded to, or replayed from, the fixture `name` (DESIGN §9: HTTP
 * contract tests on nock.back). The mode comes from `WIREBRIDGE_NOCK_MODE` (default `lockdown`; always
 * `lockdown` when `CI` is set).
 *
 * - Recording: requests go to the real server; once `run` succeeded, the exchanges are scrubbed (secret
 *   headers and fields, card numbers; see {@link FixtureScrubOptions}) and written to the fixture, replacing
 *   it only then. A failed run writes nothing.
 * - Replaying: nock answers from the fixture and refuses every other request — nothing reaches the network.
 *   A request whose body, path or recorded headers differ from the recording (compared after the same
 *   scrubbing) fails the call with a {@link ReplayMismatchError}, as do recorded exchanges never requested
 *   (unless `allowUnused`).
 *
 * Calls must not overlap (nock is process-global). Errors thrown by `run` itself are rethrown unchanged.
 *
 * @param name fixture file name relative to `fixturesDirectory`, ending in `.json` (`kicc/issue.json`).
 * @returns what `run` returned.
 * @throws ValidationError for a bad `name` or `run`; ConfigError for bad options, an unknown mode, a missing or
 *   unreadable fixture in lockdown, or nock not installed; ReplayMismatchError when the replay differs.
 */
export async function withNockFixture<T>(
  name: string,
  run: (context: NockFixtureContext) => T | Promise<T>,
  options: NockFixtureOptions,
): Promise<Awaited<T>> {
  checkFixtureArguments(name, run, options);
  const mode = resolveNockFixtureMode(options.env ?? process.env);
  const fixturesDirectory = resolve(options.fixturesDirectory);
  const fixturePath = join(fixturesDirectory, name);
  const exists = existsSync(fixturePath);
  if (mode === 'lockdown' && !exists) {
    throw new ConfigError({
      message: `nock fixture ${fixturePath} does not exist: record it with WIREBRIDGE_NOCK_MODE=record (never in CI)`,
    });
  }
  const recording = mode === 'update' || (mode === 'record' && !exists);
  if (active) {
    throw new ConfigError({
      message: `nock fixture ${name}: another withNockFixture call is running (nock is global)`,
    });
  }
  active = true;
  try {
    const nockModule = await loadNock();
    const session = new FixtureSession(nockModule, {
      name,
      fixturePath,
      fixturesDirectory,
      recording,
      options,
      scrubber: createFixtureScrubber(options),
    });
    return await session.run(() => run({ mode, recording, fixturePath }));
  } finally {
    active = false;
  }
}
