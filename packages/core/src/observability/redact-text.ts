import { maskDigits, passesLuhn, REDACTED } from './masking.js';
import { isSecretKeyName } from './secret-keys.js';

/*
 * Redaction of free text: log messages, error messages and raw wire captures (DESIGN §7). The structure of
 * the text is unknown, so this masks what is recognisable on its own: card numbers (Luhn-valid digit runs),
 * private-key PEM blocks, URL passwords, `Bearer`/`Basic` credentials, and values written next to a
 * secret-like name in the common notations — JSON (`"pin":"1234"`, also inside an escaped JSON string),
 * assignments (`password=…` in query strings, form bodies, logfmt, XML attributes), `name: value` (HTTP
 * headers, `util.inspect` output) and XML elements (`<Password>…</Password>`).
 */

const jsonPair = /"((?:[^"\\\r\n]|\\.){1,200})"(\s*:\s*)("(?:[^"\\]|\\.)*"|[^\s,}\]]+)/g;
const escapedJsonPair = /\\"([^"\\]{1,200})\\"(\s*:\s*)(\\"(?:(?!\\")[\s\S])*\\"|[^\s,}\]\\]+)/g;
const xmlElement = /<((?:[\w.-]+:)?([\w.-]+))(\s[^<>]*)?>([^<]*)<\/\1\s*>/g;
const privateKeyPem = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----[\s\S]*?-----END \1-----/g;
const urlPassword = /(\/\/[^\s/:@]+:)[^\s/@]+@/g;
const credentialScheme = /\b(Bearer|Basic|Digest)(\s+)[A-Za-z0-9._~+/=-]+/g;
/** `name=` in query strings, form bodies, logfmt and XML attributes. */
const assignmentKey = /(?<![\w.$-])([A-Za-z_][\w.-]{0,199})\s*=\s*/g;
const assignmentValue = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|[^\s&,;]+/y;
/** `name:` in header lines and inspected objects. */
const colonKey = /(?<![\w.$-])([A-Za-z_][\w.-]{0,199})[ \t]*:[ \t]*/g;
const colonValue = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\r\n,;}]{1,4096}/y;
/** Maximal runs of digits separated by at most one space or dash: the shapes a card number is written in. */
const digitRun = /\d(?:[ -]?\d)*/g;
const pairHint = /[=:<]|Bearer|Basic|Digest|-----BEGIN/;

const minPanDigits = 13;
const maxPanDigits = 19;

/**
 * Returns `text` with card numbers masked (`maskCardNumbers`) and secrets replaced by
 * `[REDACTED]` (`redactSecrets`). Never throws.
 */
export function redactText(text: string): string {
  // Callers in plain JavaScript may hand over a number or an object's text form: redact what would be logged.
  let result = typeof text === 'string' ? text : String(text);
  if (pairHint.test(result)) result = redactSecrets(result);
  return maskCardNumbers(result);
}

/** Replaces secrets recognisable in free text by `[REDACTED]`, keeping the surrounding notation intact. */
export function redactSecrets(text: string): string {
  let result = text
    .replace(
      privateKeyPem,
      (_match, label: string) => `-----BEGIN ${label}-----${REDACTED}-----END ${label}-----`,
    )
    .replace(jsonPair, (match, key: string, separator: string, value: string) =>
      isSecretKeyName(key) && value !== 'null' ? `"${key}"${separator}"${REDACTED}"` : match,
    )
    .replace(escapedJsonPair, (match, key: string, separator: string, value: string) => {
      if (!isSecretKeyName(key)) return match;
      return `\\"${key}\\"${separator}${value.startsWith('\\"') ? `\\"${REDACTED}\\"` : REDACTED}`;
    })
    .replace(
      xmlElement,
      (match, name: string, localName: string, attributes: string | undefined, content: string) =>
        isSecretKeyName(localName) && content.length > 0
          ? `<${name}${attributes ?? ''}>${REDACTED}</${name}>`
          : match,
    );
  result = replaceValuesAfterKeys(result, assignmentKey, assignmentValue);
  result = replaceValuesAfterKeys(result, colonKey, colonValue);
  return result
    .replace(urlPassword, (_match, prefix: string) => `${prefix}${REDACTED}@`)
    .replace(credentialScheme, (_match, scheme: string, space: string) => `${scheme}${space}${REDACTED}`);
}

/**
 * Replaces the value following each secret-like `name=` / `name:`. Scanning resumes right after a
 * non-secret name rather than after its value, so `url=https://host/?token=abc` still finds `token`.
 */
function replaceValuesAfterKeys(text: string, keyPattern: RegExp, valuePattern: RegExp): string {
  let result = '';
  let copiedUpTo = 0;
  keyPattern.lastIndex = 0;
  for (let match = keyPattern.exec(text); match !== null; match = keyPattern.exec(text)) {
    if (!isSecretKeyName(match[1]!)) continue;
    const valueStart = match.index + match[0].length;
    valuePattern.lastIndex = valueStart;
    const value = valuePattern.exec(text)?.[0];
    if (value === undefined || isAlreadyRedacted(value)) continue;
    result += text.slice(copiedUpTo, valueStart) + quoteLike(value);
    copiedUpTo = valueStart + value.length;
    keyPattern.lastIndex = copiedUpTo;
  }
  return result + text.slice(copiedUpTo);
}

function isAlreadyRedacted(value: string): boolean {
  return value.startsWith(REDACTED) || value.startsWith(`"${REDACTED}`) || value.startsWith(`'${REDACTED}`);
}

/** `[REDACTED]` in the same quoting as the value it replaces. */
function quoteLike(value: string): string {
  const quote = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
  return `${quote}${REDACTED}${quote}`;
}

/**
 * Masks every card number in `text`: 13–19 digits, written continuously or in groups separated by single
 * spaces or dashes, that pass the Luhn check and do not start with 0 (no issuer range starts with 0, while
 * zero-padded references are common in fixed-width telegrams). A continuous string of more than 19 digits
 * (a 20-digit transaction id) is left alone; in a longer run of groups (`2024-01-01 4111 1111 1111 1111`)
 * the card number is found group by group. Non-Luhn numbers such as most order ids are left alone.
 */
export function maskCardNumbers(text: string): string {
  return text.replace(digitRun, (run) => (countDigits(run) < minPanDigits ? run : maskCardNumbersInRun(run)));
}

interface DigitGroup {
  start: number;
  end: number;
  digits: string;
}

function maskCardNumbersInRun(run: string): string {
  const groups = splitGroups(run);
  let result = '';
  let copiedUpTo = 0;
  let groupIndex = 0;
  while (groupIndex < groups.length) {
    const last = lastGroupOfCardNumber(groups, groupIndex);
    if (last === undefined) {
      groupIndex++;
      continue;
    }
    const start = groups[groupIndex]!.start;
    const end = groups[last]!.end;
    result += run.slice(copiedUpTo, start) + maskDigits(run.slice(start, end), 'card_number');
    copiedUpTo = end;
    groupIndex = last + 1;
  }
  return result + run.slice(copiedUpTo);
}

/** The last group of the longest card number starting at group `first`, if there is one. */
function lastGroupOfCardNumber(groups: readonly DigitGroup[], first: number): number | undefined {
  if (groups[first]!.digits.startsWith('0')) return undefined;
  let digits = '';
  let candidate: number | undefined;
  for (let index = first; index < groups.length; index++) {
    digits += groups[index]!.digits;
    if (digits.length > maxPanDigits) break;
    if (digits.length >= minPanDigits && passesLuhn(digits)) candidate = index;
  }
  return candidate;
}

function splitGroups(run: string): DigitGroup[] {
  const groups: DigitGroup[] = [];
  const digits = /\d+/g;
  for (let match = digits.exec(run); match !== null; match = digits.exec(run)) {
    groups.push({ start: match.index, end: match.index + match[0].length, digits: match[0] });
  }
  return groups;
}

function countDigits(run: string): number {
  let count = 0;
  for (let index = 0; index < run.length; index++) {
    const code = run.charCodeAt(index);
    if (code >= 48 && code <= 57) count++;
  }
  return count;
}
