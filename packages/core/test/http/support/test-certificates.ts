import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/** A PEM certificate with its PEM private key. */
export interface TestKeyPair {
  certificatePem: string;
  privateKeyPem: string;
}

/** A throwaway PKI for mTLS tests: one CA, a server certificate for 127.0.0.1 and a client certificate. */
export interface TestPki {
  ca: TestKeyPair;
  server: TestKeyPair;
  client: TestKeyPair;
  /** A client certificate from `ca` whose validity ended yesterday. */
  expiredClient: TestKeyPair;
  /** A second, unrelated CA: certificates it signs are untrusted by `ca`. */
  otherCa: TestKeyPair;
  /** The client key and certificate (plus the CA) as a PKCS#12 encrypted with 3DES under `password`. */
  clientPkcs12(password: string): Buffer;
}

const oneDayMs = 24 * 60 * 60 * 1000;

// Keys come from node:crypto (fast); node-forge only assembles and signs the X.509 structures, which
// node:crypto cannot do. Validity is centred on the current clock so the test never depends on a date.
function newKeys(): {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
  pem: string;
} {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e), pem };
}

interface Issued {
  certificate: forge.pki.Certificate;
  privateKey: forge.pki.rsa.PrivateKey;
  pair: TestKeyPair;
}

function issue(
  commonName: string,
  role: 'ca' | 'server' | 'client',
  issuer?: Issued,
  validity = { fromMs: -oneDayMs, toMs: oneDayMs },
): Issued {
  const keys = newKeys();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = keys.publicKey;
  certificate.serialNumber = `01${randomBytes(8).toString('hex')}`;
  certificate.validity.notBefore = new Date(Date.now() + validity.fromMs);
  certificate.validity.notAfter = new Date(Date.now() + validity.toMs);
  const subject = [{ name: 'commonName', value: commonName }];
  certificate.setSubject(subject);
  certificate.setIssuer(issuer ? issuer.certificate.subject.attributes : subject);
  const extensions: object[] = [{ name: 'basicConstraints', cA: role === 'ca' }];
  if (role === 'ca') {
    extensions.push({ name: 'keyUsage', keyCertSign: true, cRLSign: true });
  } else {
    extensions.push({ name: 'keyUsage', digitalSignature: true, keyEncipherment: true });
    extensions.push({ name: 'extKeyUsage', serverAuth: role === 'server', clientAuth: role === 'client' });
  }
  if (role === 'server') {
    extensions.push({ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] });
  }
  certificate.setExtensions(extensions);
  certificate.sign(issuer ? issuer.privateKey : keys.privateKey, forge.md.sha256.create());
  return {
    certificate,
    privateKey: keys.privateKey,
    pair: { certificatePem: forge.pki.certificateToPem(certificate), privateKeyPem: keys.pem },
  };
}

/** Generates a fresh CA, server and client certificate (and an unrelated CA) for one test file. */
export function createTestPki(): TestPki {
  const ca = issue('Wirebridge Test CA', 'ca');
  const otherCa = issue('Unrelated Test CA', 'ca');
  const server = issue('127.0.0.1', 'server', ca);
  const client = issue('wirebridge-test-client', 'client', ca);
  const expiredClient = issue('wirebridge-expired-client', 'client', ca, {
    fromMs: -3 * oneDayMs,
    toMs: -oneDayMs,
  });
  return {
    ca: ca.pair,
    otherCa: otherCa.pair,
    server: server.pair,
    client: client.pair,
    expiredClient: expiredClient.pair,
    clientPkcs12(password) {
      // 3DES bags: readable by OpenSSL 3 without the legacy provider (RC2-40 is not).
      const asn1 = forge.pkcs12.toPkcs12Asn1(
        client.privateKey,
        [client.certificate, ca.certificate],
        password,
        {
          algorithm: '3des',
        },
      );
      return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    },
  };
}
