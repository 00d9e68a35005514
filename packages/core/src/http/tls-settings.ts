import { X509Certificate } from 'node:crypto';
import { createSecureContext, type SecureContext, type SecureContextOptions } from 'node:tls';
import { ConfigError } from '../errors/families.js';
import type { HttpTlsOptions } from './http-transport-options.js';

/** What the agent needs: one secure context built (and checked) once, plus the per-connection checks. */
export interface TlsSettings {
  secureContext: SecureContext;
  rejectUnauthorized: boolean;
  servername?: string;
}

const pemCertificatePattern = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Loads and checks the TLS material up front, so a wrong passphrase, an unreadable key or an expired client
 * certificate is a `ConfigError` at construction rather than a handshake failure on the first payment
 * (DESIGN §8). Messages name the option and never contain the passphrase.
 */
export function buildTlsSettings(tls: HttpTlsOptions, vendor: string | undefined): TlsSettings {
  const fail = (message: string, cause?: unknown): never => {
    throw new ConfigError({ message, ...withVendor(vendor), ...safeCause(cause, tls.passphrase) });
  };
  const minVersion = tls.minVersion ?? 'TLSv1.2';
  if (minVersion !== 'TLSv1.2' && minVersion !== 'TLSv1.3')
    fail("tls.minVersion must be 'TLSv1.2' or 'TLSv1.3'");
  if (tls.rejectUnauthorized !== undefined && typeof tls.rejectUnauthorized !== 'boolean') {
    fail('tls.rejectUnauthorized must be a boolean');
  }
  if (tls.servername !== undefined && (typeof tls.servername !== 'string' || tls.servername === '')) {
    fail('tls.servername must be a non-empty string');
  }
  if (tls.passphrase !== undefined && typeof tls.passphrase !== 'string')
    fail('tls.passphrase must be a string');
  if (tls.pfx !== undefined && (tls.cert !== undefined || tls.key !== undefined)) {
    fail('give either tls.pfx or tls.cert with tls.key, not both');
  }
  if ((tls.cert === undefined) !== (tls.key === undefined))
    fail('tls.cert and tls.key must be given together');
  if (tls.pfx !== undefined && !Buffer.isBuffer(tls.pfx))
    fail('tls.pfx must be a Buffer holding PKCS#12 bytes');

  if (tls.ca !== undefined) checkCaBundle(tls.ca, fail);
  if (tls.cert !== undefined) checkCertificateDates(tls.cert, fail);

  // Each piece alone first, so the error names the option that is wrong.
  if (tls.pfx !== undefined) {
    tryContext({ pfx: tls.pfx, passphrase: tls.passphrase }, (cause) =>
      fail(describePfxFailure(cause), cause),
    );
  }
  if (tls.key !== undefined) {
    tryContext({ key: tls.key, passphrase: tls.passphrase }, (cause) =>
      fail('tls.key could not be read: not a PEM private key, or a wrong tls.passphrase', cause),
    );
  }
  const options: SecureContextOptions = {
    minVersion,
    ...(tls.ca === undefined ? {} : { ca: tls.ca as SecureContextOptions['ca'] }),
    ...(tls.cert === undefined ? {} : { cert: tls.cert }),
    ...(tls.key === undefined ? {} : { key: tls.key }),
    ...(tls.pfx === undefined ? {} : { pfx: tls.pfx }),
    ...(tls.passphrase === undefined ? {} : { passphrase: tls.passphrase }),
  };
  const secureContext = tryContext(options, (cause) =>
    fail('tls.cert could not be used: not a PEM certificate, or it does not match tls.key', cause),
  );
  return {
    secureContext,
    rejectUnauthorized: tls.rejectUnauthorized ?? true,
    ...(tls.servername === undefined ? {} : { servername: tls.servername }),
  };
}

function tryContext(options: SecureContextOptions, onError: (cause: unknown) => never): SecureContext {
  try {
    return createSecureContext(options);
  } catch (error) {
    return onError(error);
  }
}

function describePfxFailure(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : '';
  if (/mac verify failure|bad decrypt/i.test(text)) {
    return 'tls.pfx could not be decrypted: wrong tls.passphrase (or a corrupted file)';
  }
  if (/unsupported/i.test(text)) {
    return 'tls.pfx uses an encryption OpenSSL 3 cannot read (legacy RC2-40); convert it to PEM tls.cert and tls.key';
  }
  return 'tls.pfx could not be read: not a PKCS#12 file';
}

// Node silently ignores CA text that holds no certificate, which would leave the transport trusting nothing
// (every call a TLS failure) or, worse, hide a misconfiguration; parse every certificate ourselves.
function checkCaBundle(
  ca: NonNullable<HttpTlsOptions['ca']>,
  fail: (message: string, cause?: unknown) => never,
) {
  const entries = Array.isArray(ca) ? ca : [ca];
  for (const entry of entries as ReadonlyArray<string | Buffer>) {
    const text =
      typeof entry === 'string' ? entry : Buffer.isBuffer(entry) ? entry.toString('latin1') : undefined;
    const blocks = text?.match(pemCertificatePattern) ?? [];
    if (blocks.length === 0) fail('tls.ca must be PEM text holding at least one certificate');
    for (const block of blocks) {
      try {
        new X509Certificate(block);
      } catch (cause) {
        fail('tls.ca holds a certificate that cannot be parsed', cause);
      }
    }
  }
}

// DESIGN §8: certificate dates matter where the certificate is used — a client certificate outside its validity
// would be rejected by the vendor on every call, so say so at construction.
function checkCertificateDates(cert: string | Buffer, fail: (message: string, cause?: unknown) => never) {
  const text = typeof cert === 'string' ? cert : Buffer.isBuffer(cert) ? cert.toString('latin1') : '';
  const leaf = text.match(pemCertificatePattern)?.[0];
  if (leaf === undefined) return fail('tls.cert must be a PEM certificate');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(leaf);
  } catch (cause) {
    return fail('tls.cert cannot be parsed as a certificate', cause);
  }
  const now = Date.now();
  if (now > Date.parse(certificate.validTo)) fail(`tls.cert expired on ${certificate.validTo}`);
  if (now < Date.parse(certificate.validFrom)) fail(`tls.cert is not valid before ${certificate.validFrom}`);
}

function withVendor(vendor: string | undefined): { vendor?: string } {
  return vendor === undefined ? {} : { vendor };
}

// OpenSSL messages do not contain the passphrase, but a cause is only kept when that is verifiably true.
function safeCause(cause: unknown, passphrase: string | undefined): { cause?: unknown } {
  if (cause === undefined) return {};
  if (passphrase && cause instanceof Error && `${cause.message}${cause.stack ?? ''}`.includes(passphrase))
    return {};
  return { cause };
}
