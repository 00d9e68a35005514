import type { Logger, LogLevel } from '../../../src/observability/index.js';

/** One line written to a {@link CapturingLogger}. */
export interface CapturedLine {
  level: LogLevel;
  object: object;
  message?: string;
}

/** A real (if minimal) log sink that keeps what it is given, serialised as a JSON log shipper would. */
export class CapturingLogger implements Logger {
  readonly lines: CapturedLine[] = [];

  debug(object: object, message?: string): void {
    this.#write('debug', object, message);
  }
  info(object: object, message?: string): void {
    this.#write('info', object, message);
  }
  warn(object: object, message?: string): void {
    this.#write('warn', object, message);
  }
  error(object: object, message?: string): void {
    this.#write('error', object, message);
  }

  /** Everything written, as the text that would reach a log file. */
  text(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n');
  }

  #write(level: LogLevel, object: object, message: string | undefined): void {
    this.lines.push(message === undefined ? { level, object } : { level, object, message });
  }
}
