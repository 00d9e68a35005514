import type { FixtureScrubOptions } from './fixture-scrubber.js';
import type { NockFixtureMode } from './nock-mode.js';

/** Options of {@link withNockFixture}. */
export interface NockFixtureOptions extends FixtureScrubOptions {
  /** Directory of the fixtures, e.g. `test/fixtures` of the calling package (created when recording). */
  fixturesDirectory: string;
  /** Environment the mode is read from (`WIREBRIDGE_NOCK_MODE`, `CI`). @default process.env */
  env?: Readonly<Record<string, string | undefined>>;
  /**
   * Origin written in place of the loopback origin the recorded requests went to (`http://127.0.0.1:<port>`
   * of a simulator on an ephemeral port), e.g. `http://kicc.invalid`. The replay intercepts this origin, so
   * point the client at it when `context.recording` is false. A `.invalid` host can never reach a real server.
   * @default the recorded origins are kept
   */
  fixtureOrigin?: string;
  /** Pass the replay even when some recorded exchanges were not requested. @default false */
  allowUnused?: boolean;
  /**
   * Record request headers (scrubbed; connection headers dropped) and require them on replay. @default false
   */
  recordRequestHeaders?: boolean;
}

/** What the run is told about the fixture. */
export interface NockFixtureContext {
  /** The mode in force (from the environment). */
  mode: NockFixtureMode;
  /** True when this run records: start the real server (simulator, sandbox); false when it replays. */
  recording: boolean;
  /** Absolute path of the fixture file. */
  fixturePath: string;
}
