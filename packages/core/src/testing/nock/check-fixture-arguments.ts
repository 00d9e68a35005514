import { isAbsolute } from 'node:path';
import { ConfigError, ValidationError } from '../../errors/index.js';
import type { NockFixtureOptions } from './nock-fixture-types.js';

/**
 * Checks `withNockFixture`'s arguments before any I/O.
 * @throws ValidationError for a bad `name` or `run`; ConfigError naming a bad option.
 */
export function checkFixtureArguments(
  name: unknown,
  run: unknown,
  options: NockFixtureOptions | undefined,
): void {
  const issues: Array<{ path: string; message: string; code: string }> = [];
  if (typeof name !== 'string' || !name.endsWith('.json')) {
    issues.push({ path: 'name', message: 'must be a file name ending in .json', code: 'invalid_value' });
  } else if (isAbsolute(name) || name.split(/[\\/]/).some((segment) => segment === '..' || segment === '')) {
    issues.push({
      path: 'name',
      message: 'must be relative to fixturesDirectory, without ..',
      code: 'invalid_value',
    });
  }
  if (typeof run !== 'function')
    issues.push({ path: 'run', message: 'must be a function', code: 'invalid_type' });
  if (issues.length > 0) {
    throw new ValidationError({
      message: `Invalid withNockFixture arguments: ${issues.map((issue) => issue.path).join(', ')}`,
      issues,
    });
  }
  if (typeof options?.fixturesDirectory !== 'string' || options.fixturesDirectory.length === 0) {
    throw new ConfigError({ message: 'withNockFixture: option fixturesDirectory must be a directory path' });
  }
  for (const option of ['secretNames', 'ignoredFields', 'preserve'] as const) {
    const value = options[option];
    if (value !== undefined && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
      throw new ConfigError({ message: `withNockFixture: option ${option} must be an array of names` });
    }
  }
  if (options.fixtureOrigin !== undefined && !isOrigin(options.fixtureOrigin)) {
    throw new ConfigError({
      message:
        'withNockFixture: option fixtureOrigin must be an http(s) origin without a path, e.g. http://vendor.invalid',
    });
  }
}

function isOrigin(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}
