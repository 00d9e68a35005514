import type nock from 'nock';
import { ConfigError } from '../../errors/index.js';

/** The nock module: the `nock()` function with its statics (`back`, `emitter`, `restore`…). */
export type Nock = typeof nock;

let loaded: Promise<Nock> | undefined;

/**
 * Loads nock on first use. nock activates its interception (and nock.back's default mode) as a side effect of
 * being imported, so importing `@wirebridge/core/testing/nock` stays side-effect free until a fixture is used;
 * and nock is an optional peer dependency, so its absence becomes a clear ConfigError.
 */
export function loadNock(): Promise<Nock> {
  loaded ??= import('nock').then(
    (module) => ((module as { default?: Nock }).default ?? (module as unknown as Nock)) as Nock,
    (error: unknown) => {
      loaded = undefined;
      throw new ConfigError({
        message:
          '@wirebridge/core/testing/nock needs the optional peer dependency nock (^14): add it to devDependencies',
        cause: error,
      });
    },
  );
  return loaded;
}
