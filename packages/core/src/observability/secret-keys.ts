/**
 * Recognises field, header and parameter names that hold secrets (DESIGN §7: keys, passwords, signatures,
 * CVV and PIN never appear in logs). This is the defence in depth behind schema marks: it applies to values
 * no schema describes, such as headers, options objects and error details.
 *
 * A name is split into words (`privateKeyPem` → private/key/pem, `X-Api-Key` → x/api/key, `cvv2` → cvv/2)
 * and matched word by word, so `keyword`, `monkey`, `shipping` or `idempotencyKey` are not secrets while
 * `apiKey`, `client_secret` and `PinBlock` are.
 */

/** Words that name a secret wherever they appear in a name. */
const secretWords: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'authorization',
  'signature',
  'signatures',
  'sig',
  'mac',
  'hmac',
  'cvv',
  'cvc',
  'cvn',
  'pin',
  'otp',
  'credential',
  'credentials',
  'cookie',
  'privatekey',
  'keypass',
  'storepass',
  'keymaterial',
]);

/**
 * Longer secret words also recognised at the end of a single lower-case word (`userpassword`,
 * `accesstoken`, `clientsecret`). Short words (`pin`, `mac`) are not, or `spin` and `imac` would match.
 */
const secretSuffixes: readonly string[] = [
  'password',
  'passphrase',
  'secret',
  'token',
  'signature',
  'authorization',
  'privatekey',
];

/** Words that make a following `key` key material (`apiKey`, `hmac_key`, `SessionKey`). */
const keyQualifiers: ReadonlySet<string> = new Set([
  'private',
  'secret',
  'api',
  'access',
  'signing',
  'sign',
  'encryption',
  'encrypt',
  'enc',
  'decryption',
  'hmac',
  'mac',
  'aes',
  'seed',
  'des',
  'session',
  'master',
  'shared',
  'symmetric',
  'client',
  'auth',
  'cipher',
  'crypto',
  'working',
  'wrapping',
  'subscription',
  'license',
]);

/** Words after `key` that make it key material whatever precedes it (`keyBytes`, `key_pem`). */
const keyMaterialWords: ReadonlySet<string> = new Set([
  'material',
  'bytes',
  'pem',
  'der',
  'hex',
  'base64',
  'b64',
]);

/**
 * Words that, as the last word after a secret word, describe the secret rather than hold it:
 * `signatureAlgorithm`, `tokenType`, `passwordLength`, `macAddress`, `pinRequired`.
 */
const describingWords: ReadonlySet<string> = new Set([
  'address',
  'algorithm',
  'alg',
  'type',
  'types',
  'method',
  'format',
  'version',
  'length',
  'len',
  'url',
  'uri',
  'endpoint',
  'path',
  'file',
  'name',
  'id',
  'ttl',
  'expiry',
  'expires',
  'expiration',
  'required',
  'enabled',
  'count',
  'policy',
]);

const cacheLimit = 2_048;
const cache = new Map<string, boolean>();

/** True when a value stored under `name` must never be logged. Case-insensitive. */
export function isSecretKeyName(name: string): boolean {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  const secret = matchesSecretName(splitWords(name));
  // Log keys repeat endlessly; a small bounded cache keeps the hot path to one Map lookup.
  if (cache.size >= cacheLimit) cache.clear();
  cache.set(name, secret);
  return secret;
}

/** `privateKeyPEM_v2` → ['private', 'key', 'pem', 'v', '2']. */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}

function matchesSecretName(words: readonly string[]): boolean {
  for (let index = 0; index < words.length; index++) {
    const word = words[index]!;
    const next = words[index + 1];
    const isLastDescribing = next !== undefined && index + 2 === words.length && describingWords.has(next);
    if (
      secretWords.has(word) ||
      secretSuffixes.some((suffix) => word.length > suffix.length && word.endsWith(suffix))
    ) {
      if (!isLastDescribing) return true;
      continue;
    }
    if (isKeyMaterial(word, words[index - 1], next, words.length)) return true;
  }
  return false;
}

function isKeyMaterial(
  word: string,
  previous: string | undefined,
  next: string | undefined,
  wordCount: number,
): boolean {
  if (word === 'key' || word === 'keys') {
    if (previous === 'public') return false;
    // A bare `key` is how crypto options name the key itself (`createSeedCipher({ key })`).
    if (wordCount === 1) return true;
    if (next !== undefined && keyMaterialWords.has(next)) return true;
    return next === undefined && previous !== undefined && keyQualifiers.has(previous);
  }
  // One lower-case word such as `apikey` or `hmackey`.
  if (word.endsWith('key') && word.length > 3) return keyQualifiers.has(word.slice(0, -3));
  return false;
}

const cardWords: ReadonlySet<string> = new Set(['card', 'pan']);
const accountWords: ReadonlySet<string> = new Set(['account', 'acct', 'acc', 'iban']);
const numberWords: ReadonlySet<string> = new Set(['number', 'no', 'num', 'nbr']);

/**
 * The number kind a name suggests (`cardNumber`, `card_no`, `pan` → `card_number`; `accountNumber`,
 * `acctNo`, `iban` → `account_number`), so numbers logged without a schema are still masked when their
 * name gives them away. Schema marks remain the primary mechanism; this is defence in depth.
 */
export function numberKindOfKeyName(name: string): 'card_number' | 'account_number' | undefined {
  const words = splitWords(name);
  const hasNumberWord = words.some((word) => numberWords.has(word));
  if (words.includes('pan') || (hasNumberWord && words.some((word) => cardWords.has(word))))
    return 'card_number';
  if (words.includes('iban') || (hasNumberWord && words.some((word) => accountWords.has(word))))
    return 'account_number';
  return undefined;
}
