import type { z } from 'zod';
import { redact, redactText } from './redaction.js';

/**
 * The logging surface the SDK writes to (DESIGN §7). It is the object-first signature of pino, so a pino
 * instance (or a child of one) can be passed as is; any logger with these four methods works.
 */
export interface Logger {
  /** Logs `object` (and optional `message`) at debug level: per-attempt detail. */
  debug(object: object, message?: string): void;
  /** Logs `object` (and optional `message`) at info level. */
  info(object: object, message?: string): void;
  /** Logs `object` (and optional `message`) at warn level. */
  warn(object: object, message?: string): void;
  /** Logs `object` (and optional `message`) at error level. */
  error(object: object, message?: string): void;
}

/** The four levels of {@link Logger}. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const logLevels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

function ignore(): void {}

/** A logger that drops everything: the default of every client, so the SDK is silent unless asked. */
export const silentLogger: Logger = Object.freeze({
  debug: ignore,
  info: ignore,
  warn: ignore,
  error: ignore,
});

/** Options of {@link createRedactingLogger}. */
export interface RedactingLoggerOptions {
  /**
   * Schema describing the logged objects, so fields marked with `sensitive()` are masked by kind.
   * Secret-named keys and card numbers are masked with or without it. @default none
   */
  schema?: z.core.$ZodType;
}

/**
 * Wraps `logger` so every object and message passes through the redactor first: redaction is enforced in
 * one place rather than trusted to every call site (DESIGN §7).
 *
 * Logging is best effort: an exception thrown by the underlying logger is swallowed, because a broken log
 * sink must never change the outcome of a payment.
 */
export function createRedactingLogger(logger: Logger, options: RedactingLoggerOptions = {}): Logger {
  // Nothing to protect when nothing is written; keeping the identity lets callers skip work for it.
  if (logger === silentLogger) return silentLogger;
  const { schema } = options;
  const write = (level: LogLevel, object: object, message: string | undefined): void => {
    try {
      const redacted = redact(object, schema);
      const safeObject = typeof redacted === 'object' && redacted !== null ? redacted : { value: redacted };
      if (message === undefined) logger[level](safeObject);
      else logger[level](safeObject, redactText(message));
    } catch {
      // Best effort (see above).
    }
  };
  const redacting = {} as Record<LogLevel, (object: object, message?: string) => void>;
  for (const level of logLevels) {
    redacting[level] = (object, message) => write(level, object, message);
  }
  return redacting;
}
