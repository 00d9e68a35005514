// @wirebridge/core/testing/nock — nock.back record/replay of HTTP contract fixtures (DESIGN §9). nock is an
// optional peer dependency, loaded on first use. Explicit exports only.
export type { ReplayMismatchReason } from '../replay-mismatch-error.js';
export { ReplayMismatchError } from '../replay-mismatch-error.js';
export type { FixtureScrubber, FixtureScrubOptions } from './fixture-scrubber.js';
export { createFixtureScrubber, IGNORED } from './fixture-scrubber.js';
export type { NockFixtureContext, NockFixtureOptions } from './nock-fixture-types.js';
export type { NockFixtureMode } from './nock-mode.js';
export { NOCK_MODE_VARIABLE, resolveNockFixtureMode } from './nock-mode.js';
export { withNockFixture } from './with-nock-fixture.js';
