import { createHash, createHmac, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

// A tiny DER writer, so the simulator can issue throwaway mTLS certificates with node:crypto alone (no new
// dependency). P-256 keys, ecdsa-with-SHA256 signatures, validity centred on now (never a fixed date).

function length(size: number): Buffer {
  if (size < 0x80) return Buffer.from([size]);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}
const sequence = (...content: Buffer[]) => tlv(0x30, ...content);
const set = (...content: Buffer[]) => tlv(0x31, ...content);
const octets = (content: Buffer) => tlv(0x04, content);
const explicit = (index: number, ...content: Buffer[]) => tlv(0xa0 + index, ...content);
function integer(value: Buffer | number): Buffer {
  let bytes =
    typeof value === 'number'
      ? Buffer.from(
          value
            .toString(16)
            .padStart(2, '0')
            .replace(/^(.(..)*)$/, '0$1'),
          'hex',
        )
      : value;
  if ((bytes[0] as number) & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(0x02, bytes);
}
function oid(text: string): Buffer {
  const parts = text.split('.').map(Number);
  const bytes = [40 * (parts[0] as number) + (parts[1] as number)];
  for (const part of parts.slice(2)) {
    const chunk: number[] = [part & 0x7f];
    for (let rest = part >>> 7; rest > 0; rest >>>= 7) chunk.unshift(0x80 | (rest & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}
function utcTime(date: Date): Buffer {
  const text = date.toISOString().replace(/[-:T]/g, '').slice(2, 14);
  return tlv(0x17, Buffer.from(`${text}Z`, 'ascii'));
}
const name = (commonName: string) =>
  sequence(set(sequence(oid('2.5.4.3'), tlv(0x0c, Buffer.from(commonName, 'utf8')))));
const ecdsaWithSha256 = sequence(oid('1.2.840.10045.4.3.2'));

/** A PEM certificate and its PEM private key. */
export interface IssuedCertificate {
  certificatePem: string;
  privateKeyPem: string;
  der: Buffer;
  privateKey: KeyObject;
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function issue(
  commonName: string,
  role: 'ca' | 'server' | 'client',
  issuer?: { name: string; key: KeyObject },
): IssuedCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const now = Date.now();
  const extensions: Buffer[] = [];
  if (role === 'ca') {
    extensions.push(
      sequence(
        oid('2.5.29.19'),
        tlv(0x01, Buffer.from([0xff])),
        octets(sequence(tlv(0x01, Buffer.from([0xff])))),
      ),
    );
    // keyCertSign + cRLSign.
    extensions.push(
      sequence(
        oid('2.5.29.15'),
        tlv(0x01, Buffer.from([0xff])),
        octets(tlv(0x03, Buffer.from([0x01, 0x06]))),
      ),
    );
  } else {
    extensions.push(sequence(oid('2.5.29.19'), octets(sequence())));
  }
  if (role === 'server') {
    // subjectAltName: IP 127.0.0.1 and DNS localhost.
    const altNames = sequence(
      tlv(0x87, Buffer.from([127, 0, 0, 1])),
      tlv(0x82, Buffer.from('localhost', 'ascii')),
    );
    extensions.push(sequence(oid('2.5.29.17'), octets(altNames)));
  }
  const serial = randomBytes(12);
  serial[0] = ((serial[0] as number) & 0x7f) | 0x01;
  const tbs = sequence(
    explicit(0, integer(2)),
    integer(serial),
    ecdsaWithSha256,
    name(issuer?.name ?? commonName),
    sequence(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 86_400_000))),
    name(commonName),
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...extensions)),
  );
  const signature = sign('sha256', tbs, issuer?.key ?? privateKey);
  const der = sequence(tbs, ecdsaWithSha256, tlv(0x03, Buffer.from([0]), signature));
  return {
    certificatePem: pem('CERTIFICATE', der),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    der,
    privateKey,
  };
}

/** RFC 7292 Appendix B.2 key derivation (SHA-256), for the PKCS#12 MAC key. */
function pkcs12Kdf(password: string, salt: Buffer, id: number, iterations: number, size: number): Buffer {
  const u = 32;
  const v = 64;
  const passwordBytes = Buffer.concat([Buffer.from(password, 'utf16le').swap16(), Buffer.alloc(2)]);
  const fill = (source: Buffer) => {
    if (source.length === 0) return Buffer.alloc(0);
    const target = Buffer.alloc(v * Math.ceil(source.length / v));
    for (let index = 0; index < target.length; index += 1)
      target[index] = source[index % source.length] as number;
    return target;
  };
  const diversifier = Buffer.alloc(v, id);
  const input = Buffer.concat([fill(salt), fill(passwordBytes)]);
  const output: Buffer[] = [];
  for (let block = 0; block < Math.ceil(size / u); block += 1) {
    let digest = createHash('sha256').update(diversifier).update(input).digest();
    for (let round = 1; round < iterations; round += 1) digest = createHash('sha256').update(digest).digest();
    output.push(digest);
    const expanded = fill(digest);
    for (let offset = 0; offset < input.length; offset += v) {
      let carry = 1;
      for (let index = v - 1; index >= 0; index -= 1) {
        const sum = (input[offset + index] as number) + (expanded[index] as number) + carry;
        input[offset + index] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(output).subarray(0, size);
}

/** A PKCS#12 (PFX) with the key and certificate in plain bags, integrity-protected by an HMAC-SHA256 MAC. */
function pkcs12(key: KeyObject, certificate: Buffer, password: string): Buffer {
  const data = (content: Buffer) => sequence(oid('1.2.840.113549.1.7.1'), explicit(0, octets(content)));
  const certBag = sequence(
    oid('1.2.840.113549.1.12.10.1.3'),
    explicit(0, sequence(oid('1.2.840.113549.1.9.22.1'), explicit(0, octets(certificate)))),
  );
  const keyBag = sequence(
    oid('1.2.840.113549.1.12.10.1.1'),
    explicit(0, key.export({ type: 'pkcs8', format: 'der' })),
  );
  const authenticatedSafe = sequence(data(sequence(certBag)), data(sequence(keyBag)));
  const salt = randomBytes(16);
  const iterations = 2048;
  const macKey = pkcs12Kdf(password, salt, 3, iterations, 32);
  const mac = createHmac('sha256', macKey).update(authenticatedSafe).digest();
  const macData = sequence(
    sequence(sequence(oid('2.16.840.1.101.3.4.2.1'), tlv(0x05, Buffer.alloc(0))), octets(mac)),
    octets(salt),
    integer(iterations),
  );
  return sequence(integer(3), data(authenticatedSafe), macData);
}

/** The simulator's throwaway PKI: a CA, a server certificate for 127.0.0.1, a client certificate (PEM and PKCS#12). */
export interface SimulatorPki {
  ca: IssuedCertificate;
  server: IssuedCertificate;
  client: IssuedCertificate;
  clientPfx: Buffer;
  passphrase: string;
}

/** Issues a fresh PKI (spec §9 `tls: 'mtls'`). */
export function createSimulatorPki(): SimulatorPki {
  const ca = issue('wirebridge-western-union-simulator-ca', 'ca');
  const issuer = { name: 'wirebridge-western-union-simulator-ca', key: ca.privateKey };
  const server = issue('127.0.0.1', 'server', issuer);
  const client = issue('wirebridge-western-union-test-client', 'client', issuer);
  const passphrase = randomBytes(12).toString('base64url');
  return { ca, server, client, clientPfx: pkcs12(client.privateKey, client.der, passphrase), passphrase };
}
