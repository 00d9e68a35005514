import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

type ErrorsModule = typeof import('../../src/errors/index.js');

// Two real copies of the errors module, one CommonJS and one ESM bundle, as a service gets when one
// dependency requires core and another imports it (DESIGN §3). Nothing is shared between them but
// the global Symbol registry.
const entry = fileURLToPath(new URL('../../src/errors/index.ts', import.meta.url));
let directory: string;
let commonJs: ErrorsModule;
let esm: ErrorsModule;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'wirebridge-copies-'));
  for (const format of ['cjs', 'esm'] as const) {
    await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format,
      outfile: join(directory, format === 'cjs' ? 'errors.cjs' : 'errors.mjs'),
      logLevel: 'silent',
    });
  }
  commonJs = createRequire(import.meta.url)(join(directory, 'errors.cjs')) as ErrorsModule;
  esm = (await import(pathToFileURL(join(directory, 'errors.mjs')).href)) as ErrorsModule;
});

afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('error identity across two copies of core', () => {
  it('the copies really are different classes', () => {
    expect(commonJs.ValidationError).not.toBe(esm.ValidationError);
  });

  it('instanceof works in both directions', () => {
    const fromCommonJs = new commonJs.SignatureError({ message: 'bad MAC' });
    const fromEsm = new esm.TimeoutError({ message: 'late', timeoutMs: 1 });
    expect(fromCommonJs).toBeInstanceOf(esm.SignatureError);
    expect(fromCommonJs).toBeInstanceOf(esm.ProtocolError);
    expect(fromCommonJs).toBeInstanceOf(esm.WirebridgeError);
    expect(fromEsm).toBeInstanceOf(commonJs.TimeoutError);
    expect(esm.isWirebridgeError(fromCommonJs)).toBe(true);
  });

  it('a family check still rejects the wrong family across copies', () => {
    const fromCommonJs = new commonJs.TransportError({ message: 'refused' });
    expect(fromCommonJs).not.toBeInstanceOf(esm.OutcomeUnknownError);
    expect(fromCommonJs).not.toBeInstanceOf(esm.ProtocolError);
  });
});
