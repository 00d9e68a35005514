import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type nock from 'nock';
import { ConfigError } from '../../errors/index.js';
import { ReplayMismatchError } from '../replay-mismatch-error.js';
import {
  prepareDefinitionForReplay,
  type RecordedRequest,
  scrubRecordedDefinitions,
} from './fixture-definitions.js';
import type { FixtureScrubber } from './fixture-scrubber.js';
import type { Nock } from './load-nock.js';
import type { NockFixtureOptions } from './nock-fixture-types.js';

interface UnmatchedRequest {
  origin: string | undefined;
  method: string;
  path: string;
}

/** What one session records or replays, and how. */
export interface SessionSettings {
  name: string;
  fixturePath: string;
  fixturesDirectory: string;
  recording: boolean;
  options: NockFixtureOptions;
  scrubber: FixtureScrubber;
}

/** One recording or replay, from setting nock up to leaving it as it was found. */
export class FixtureSession {
  readonly #nock: Nock;
  readonly #settings: SessionSettings;
  /** The recorded requests of the fixture, in the order nock defined them (replay only). */
  readonly #recorded: RecordedRequest[] = [];
  /** Requests nock could not match (replay only). */
  readonly #unmatched: UnmatchedRequest[] = [];

  constructor(nockModule: Nock, settings: SessionSettings) {
    this.#nock = nockModule;
    this.#settings = settings;
  }

  async run<T>(body: () => T | Promise<T>): Promise<Awaited<T>> {
    const nockModule = this.#nock;
    const { back } = nockModule;
    const saved = { fixtures: back.fixtures, mode: back.currentMode, active: nockModule.isActive() };
    const onNoMatch = (...args: unknown[]) => this.#unmatched.push(describeRequest(args));
    // Recording goes to a sibling file that replaces the fixture only after a successful run.
    const recordingName = `${this.#settings.name}.recording-${process.pid}.json`;
    try {
      back.fixtures = this.#settings.fixturesDirectory;
      back.setMode(this.#settings.recording ? 'record' : 'lockdown');
      const { nockDone, context } = await this.#start(recordingName);
      nockModule.emitter.on('no match', onNoMatch);

      let result: Awaited<T> | undefined;
      let runError: unknown;
      let failed = false;
      try {
        result = await body();
      } catch (error) {
        failed = true;
        runError = error;
      }
      // nock's recorder reads the response body of the last exchange asynchronously.
      await new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

      if (this.#settings.recording) {
        if (failed) throw runError;
        await this.#writeFixture(nockDone, recordingName);
        return result as Awaited<T>;
      }
      if (this.#unmatched.length > 0) throw this.#mismatchError(runError);
      if (failed) throw runError;
      if (this.#settings.options.allowUnused !== true) this.#checkAllUsed(context.scopes);
      return result as Awaited<T>;
    } finally {
      nockModule.emitter.removeListener('no match', onNoMatch);
      await rm(join(this.#settings.fixturesDirectory, recordingName), { force: true }).catch(() => undefined);
      this.#restore(saved);
    }
  }

  async #start(recordingName: string): Promise<{ nockDone: () => void; context: nock.BackContext }> {
    const { scrubber, options, recording, fixturePath } = this.#settings;
    const backOptions: nock.BackOptions = recording
      ? {
          afterRecord: (definitions) =>
            `${JSON.stringify(scrubRecordedDefinitions(definitions, scrubber, pickOrigin(options)), null, 2)}\n`,
          recorder: { enable_reqheaders_recording: options.recordRequestHeaders === true },
        }
      : { before: (definition) => this.#recorded.push(prepareDefinitionForReplay(definition, scrubber)) };
    try {
      return await this.#nock.back(recording ? recordingName : this.#settings.name, backOptions);
    } catch (error) {
      throw new ConfigError({ message: `nock fixture ${fixturePath} cannot be loaded`, cause: error });
    }
  }

  /** Lets nock write the scrubbed recording next to the fixture, then moves it into place. */
  async #writeFixture(nockDone: () => void, recordingName: string): Promise<void> {
    try {
      nockDone();
      await rename(join(this.#settings.fixturesDirectory, recordingName), this.#settings.fixturePath);
    } catch (error) {
      // The fixture-origin check raises a ConfigError of its own; file system failures become one.
      if (error instanceof ConfigError) throw error;
      throw new ConfigError({
        message: `nock fixture ${this.#settings.fixturePath} cannot be written`,
        cause: error,
      });
    }
  }

  #mismatchError(runError: unknown): ReplayMismatchError {
    const first = this.#unmatched[0]!;
    const path = this.#settings.scrubber.scrubPath(first.path);
    const recordedSameRoute = this.#recorded.some(
      (recorded) =>
        recorded.origin === first.origin && recorded.method === first.method && recorded.path === path,
    );
    const more = this.#unmatched.length > 1 ? ` (and ${this.#unmatched.length - 1} more)` : '';
    const target = `${first.method} ${first.origin ?? ''}${path}`;
    return new ReplayMismatchError({
      reason: recordedSameRoute ? 'request-differs' : 'unrecorded-request',
      message: recordedSameRoute
        ? `nock replay of ${this.#settings.name}: ${target} differs from the recording (body or headers)${more}`
        : `nock replay of ${this.#settings.name}: ${target} was never recorded${more}`,
      // The run's error is summarised, not attached: nock's no-match error quotes the whole request body.
      details: {
        fixture: this.#settings.name,
        method: first.method,
        origin: first.origin,
        path,
        unmatched: this.#unmatched.length,
        ...(runError === undefined ? {} : { runError: summarise(runError) }),
      },
    });
  }

  #checkAllUsed(scopes: readonly nock.Scope[]): void {
    const unused = this.#recorded.filter((_, index) => scopes[index]?.isDone() === false);
    if (unused.length === 0) return;
    const list = unused.map((recorded) => `${recorded.method} ${recorded.path}`).join(', ');
    throw new ReplayMismatchError({
      reason: 'unused-recording',
      message: `nock replay of ${this.#settings.name}: recorded exchanges were never requested: ${list}`,
      details: { fixture: this.#settings.name, unused: unused.length },
    });
  }

  /** Leaves nock as it was found: settings back, interception on or off as before, nothing pending. */
  #restore(saved: { fixtures: string; mode: nock.BackMode | null; active: boolean }): void {
    const nockModule = this.#nock;
    nockModule.cleanAll();
    nockModule.enableNetConnect();
    nockModule.restore();
    nockModule.back.fixtures = saved.fixtures;
    // setMode re-activates interception the way the mode does (nock's own import does `dryrun`).
    if (saved.mode !== null) nockModule.back.setMode(saved.mode);
    if (saved.active && !nockModule.isActive()) nockModule.activate();
    if (!saved.active && nockModule.isActive()) nockModule.restore();
  }
}

function summarise(error: unknown): { name: string; code?: string } {
  if (!(error instanceof Error)) return { name: typeof error };
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? { name: error.name, code } : { name: error.name };
}

function pickOrigin(options: NockFixtureOptions): { fixtureOrigin?: string } {
  // `http://vendor.invalid/` and `http://vendor.invalid:80` are stored as nock normalises scopes.
  return options.fixtureOrigin === undefined ? {} : { fixtureOrigin: new URL(options.fixtureOrigin).origin };
}

/** Origin, method and path of a request nock reports as unmatched (it passes the request and/or its options). */
function describeRequest(args: readonly unknown[]): UnmatchedRequest {
  const candidates = args.filter(
    (arg): arg is Record<string, unknown> => typeof arg === 'object' && arg !== null,
  );
  // The options object carries `href`; the request object only `method` and `path`.
  const options =
    candidates.find((candidate) => typeof candidate.href === 'string') ??
    candidates.find((candidate) => typeof candidate.path === 'string') ??
    {};
  const method = typeof options.method === 'string' ? options.method.toUpperCase() : 'GET';
  const path = typeof options.path === 'string' ? options.path : '/';
  return { origin: originOf(options.href), method, path };
}

/** `scheme://host[:port]` of a URL, or undefined when it is not one. */
function originOf(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
