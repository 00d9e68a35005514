import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/index.js';
import { parseOrThrow } from '../pipeline/validate.js';

/**
 * One step of a recorded TCP conversation (DESIGN §9: TCP vendors' contract tests).
 *
 * `out` is what the client sent, `in` what the server sent back. With a framer, one entry is one frame;
 * without, one entry is one chunk as it arrived (replay does not depend on how the client chunks its writes).
 */
export interface TcpTranscriptEntry {
  /** `out`: client → server; `in`: server → client. */
  direction: 'out' | 'in';
  /** Index of the connection, in the order connections were accepted (0 for the first). */
  connection: number;
  /** The bytes, lower-case hex; empty on an `end` entry. */
  hex: string;
  /** The server ended its side of the connection here (only on `in` entries). */
  end?: boolean;
}

/** A recorded TCP conversation: entries in the order the recording proxy saw them. */
export type TcpTranscript = readonly TcpTranscriptEntry[];

const hexPattern = /^(?:[0-9a-f]{2})*$/;

const entrySchema = z
  .object({
    direction: z.enum(['out', 'in']),
    connection: z.number().int().nonnegative(),
    hex: z.string().regex(hexPattern, 'must be lower-case hex with an even number of digits'),
    end: z.boolean().optional(),
  })
  .refine((entry) => entry.end !== true || (entry.direction === 'in' && entry.hex === ''), {
    message: 'an end entry is an `in` entry with empty hex',
    path: ['end'],
  });

const transcriptSchema = z.array(entrySchema);

/**
 * Checks a transcript's shape.
 * @throws ValidationError naming the bad entry field (`transcript.3.hex`).
 */
export function parseTcpTranscript(value: unknown): TcpTranscriptEntry[] {
  return parseOrThrow(transcriptSchema, value, 'TCP transcript', { prefix: 'transcript' });
}

/**
 * Reads a transcript file written by {@link writeTcpTranscript}.
 * @throws ConfigError naming the file when it cannot be read or is not a valid transcript.
 */
export async function readTcpTranscript(path: string): Promise<TcpTranscriptEntry[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError({ message: `TCP transcript ${path} cannot be read`, cause: error });
  }
  try {
    return parseTcpTranscript(JSON.parse(text));
  } catch (error) {
    throw new ConfigError({ message: `TCP transcript ${path} is not a valid transcript`, cause: error });
  }
}

/**
 * Writes a transcript as JSON (one entry per line, so a diff shows which frame changed), creating the
 * directory. Transcripts hold the raw bytes: record them against simulators or with test data only.
 * @throws ConfigError naming the file when it cannot be written; ValidationError for an invalid transcript.
 */
export async function writeTcpTranscript(path: string, transcript: TcpTranscript): Promise<void> {
  const entries = parseTcpTranscript(transcript);
  const text = `[\n${entries.map((entry) => `  ${JSON.stringify(entry)}`).join(',\n')}\n]\n`;
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text, 'utf8');
  } catch (error) {
    throw new ConfigError({ message: `TCP transcript ${path} cannot be written`, cause: error });
  }
}
