import { randomInt } from 'node:crypto';

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const timeChars = 7; // seconds since the epoch: 32^7 s lasts until the year 3058
const randomChars = 6; // 30 random bits per second and process
const randomSpace = 32 ** randomChars;

/** Default `agentRefNoPattern` (spec §4.4); Ventaja answers `132` if it disagrees. */
export const DEFAULT_AGENT_REF_NO_PATTERN = /^[A-Za-z0-9]{1,20}$/;

let lastSecond = -1;
let lastRandom = 0;

function base32(value: number, width: number): string {
  let text = '';
  let rest = value;
  for (let index = 0; index < width; index++) {
    text = crockford[rest % 32] + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}

/**
 * A fresh `agentRefNo` (spec §4.4): `prefix` + 13 upper-case Crockford base32 characters, 15 with the default
 * prefix. Time-sortable: 7 characters of seconds since the epoch, then 6 characters (30 bits) that start random
 * each second and count up within it, so one process never repeats a reference (ULID-style monotonicity) and
 * two processes collide only with a 2^-30 chance per pair of references in the same second.
 * @param prefix @default 'WB'
 */
export function generateAgentRefNo(prefix = 'WB'): string {
  const second = Math.floor(Date.now() / 1000);
  if (second > lastSecond) {
    lastSecond = second;
    lastRandom = randomInt(randomSpace / 2); // leave room to count up within the second
  } else {
    lastRandom = (lastRandom + 1) % randomSpace;
  }
  return `${prefix}${base32(lastSecond, timeChars)}${base32(lastRandom, randomChars)}`;
}
