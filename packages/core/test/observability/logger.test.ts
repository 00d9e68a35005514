import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  createRedactingLogger,
  type Logger,
  sensitive,
  silentLogger,
} from '../../src/observability/index.js';
import { CapturingLogger } from './support/capturing-logger.js';
import { VISA_TEST_PAN } from './support/card-numbers.js';

/** pino's `LogFn` overloads (pino 9 `pino.d.ts`), to check that a pino logger fits the interface. */
interface PinoLogFn {
  // biome-ignore lint/suspicious/noExplicitAny: copied from pino's declaration
  <T extends object>(object: T, message?: string, ...args: any[]): void;
  // biome-ignore lint/suspicious/noExplicitAny: copied from pino's declaration
  (object: unknown, message?: string, ...args: any[]): void;
  // biome-ignore lint/suspicious/noExplicitAny: copied from pino's declaration
  (message: string, ...args: any[]): void;
}
interface PinoLike {
  level: string;
  trace: PinoLogFn;
  debug: PinoLogFn;
  info: PinoLogFn;
  warn: PinoLogFn;
  error: PinoLogFn;
  fatal: PinoLogFn;
  child(bindings: Record<string, unknown>): PinoLike;
}

describe('createRedactingLogger', () => {
  it('masks a card number and removes secrets before the line reaches the sink', () => {
    const sink = new CapturingLogger();
    const logger = createRedactingLogger(sink);
    logger.info(
      { request: { note: `pay ${VISA_TEST_PAN}`, headers: { authorization: 'Bearer abc' } }, amount: 1000 },
      `charging card 4111 1111 1111 1111 with password=hunter2`,
    );
    expect(sink.lines).toEqual([
      {
        level: 'info',
        object: {
          request: { note: 'pay 411111******1111', headers: { authorization: '[REDACTED]' } },
          amount: 1000,
        },
        message: 'charging card 4111 11** **** 1111 with password=[REDACTED]',
      },
    ]);
    expect(sink.text()).not.toContain('4111111111111111');
    expect(sink.text()).not.toContain('hunter2');
  });

  it('applies the schema given in its options', () => {
    const sink = new CapturingLogger();
    const logger = createRedactingLogger(sink, {
      schema: z.object({ holder: sensitive(z.string(), 'name') }),
    });
    logger.warn({ holder: 'Hong Gildong' });
    expect(sink.lines).toEqual([{ level: 'warn', object: { holder: 'H***' } }]);
  });

  it('writes each level to the same level', () => {
    const sink = new CapturingLogger();
    const logger = createRedactingLogger(sink);
    logger.debug({ n: 1 }, 'd');
    logger.info({ n: 2 }, 'i');
    logger.warn({ n: 3 }, 'w');
    logger.error({ n: 4 }, 'e');
    expect(sink.lines.map((line) => line.level)).toEqual(['debug', 'info', 'warn', 'error']);
  });

  it('never lets a failing log sink throw into the caller', () => {
    const failing: Logger = {
      debug: () => {},
      info: () => {
        throw new Error('disk full');
      },
      warn: () => {},
      error: () => {},
    };
    expect(() => createRedactingLogger(failing).info({ a: 1 }, 'x')).not.toThrow();
  });

  it('keeps the silent logger silent and recognisable', () => {
    expect(createRedactingLogger(silentLogger)).toBe(silentLogger);
    expect(() => silentLogger.error({ anything: true }, 'dropped')).not.toThrow();
  });

  it('accepts a pino-shaped logger (checked by the compiler)', () => {
    const calls: unknown[][] = [];
    const record = (...args: unknown[]) => {
      calls.push(args);
    };
    const pino: PinoLike = {
      level: 'info',
      trace: record,
      debug: record,
      info: record,
      warn: record,
      error: record,
      fatal: record,
      child: () => pino,
    };
    const logger: Logger = pino; // the assignment is the check
    createRedactingLogger(logger).info({ token: 't' }, 'hello');
    expect(calls).toEqual([[{ token: '[REDACTED]' }, 'hello']]);
  });
});
