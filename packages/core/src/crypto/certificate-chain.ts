/**
 * X.509 chain verification: leaf → intermediates → a trusted root, with every certificate's validity
 * checked at an injectable instant (DESIGN §8: tests freeze the clock, never the real date).
 *
 * Revocation is not checked (no CRL/OCSP fetching on the hot path); gateways that sign with a
 * certificate carried in each message also pin the subject name, see `subjectCommonName`.
 */
import { X509Certificate } from 'node:crypto';
import { SignatureError } from '../errors/index.js';
import { certificateSerialDecimal, certificateValidity } from './certificate-fields.js';
import { invalidArgument } from './input-checks.js';

/** Why a chain was rejected. */
export type CertificateChainFailureReason =
  /** No candidate certificate has a subject equal to this certificate's issuer, or the chain ends untrusted. */
  | 'issuer_mismatch'
  /** A candidate issuer has the right name, but its key does not verify this certificate's signature. */
  | 'signature'
  /** The certificate's `notBefore` is after the verification instant. */
  | 'not_yet_valid'
  /** The certificate's `notAfter` is before the verification instant. */
  | 'expired'
  /** An intermediate that would sign this certificate is not a CA (basicConstraints cA is not true). */
  | 'not_ca';

/** Which link of the chain failed and why. */
export interface CertificateChainFailure {
  reason: CertificateChainFailureReason;
  /** Position of the certificate that failed: 0 is the leaf, 1 its issuer, and so on. */
  depth: number;
  /** Subject of the failing certificate, as `X509Certificate#subject` prints it (public data). */
  subject: string;
  /** Its serial number in decimal. */
  serialDecimal: string;
}

/** Result of {@link checkCertificateChain}. */
export type CertificateChainResult =
  | {
      ok: true;
      /** The verified path: the leaf first, the trusted root last. */
      path: X509Certificate[];
    }
  | { ok: false; failure: CertificateChainFailure };

/** Options of {@link verifyCertificateChain} and {@link checkCertificateChain}. */
export interface CertificateChainOptions {
  /** The instant at which every certificate of the path must be valid. @default new Date() */
  at?: Date;
}

/**
 * Verifies that `leaf` chains through some of `intermediates` (any order, unused ones ignored) to one
 * of `roots`, that each signature verifies with its issuer's key, that every intermediate is a CA,
 * and that each certificate on the path, root included, is valid at `options.at`.
 *
 * Returns the verified path (leaf first, root last). Throws a `SignatureError` whose `details` is a
 * {@link CertificateChainFailure} naming the failing link: the chain is checked to trust what a peer
 * signed, and a chain that does not verify means the peer's message cannot be trusted, exactly like a
 * bad signature (never retryable). A caller checking its own configuration (a pinned trust store at
 * start-up) wraps it in a `ConfigError`; a caller that needs the reason as a value uses
 * {@link checkCertificateChain}.
 *
 * Throws a `ValidationError` for arguments of the wrong type.
 */
export function verifyCertificateChain(
  leaf: X509Certificate,
  intermediates: readonly X509Certificate[],
  roots: readonly X509Certificate[],
  options: CertificateChainOptions = {},
): X509Certificate[] {
  const result = checkCertificateChain(leaf, intermediates, roots, options);
  if (result.ok) return result.path;
  const { failure } = result;
  throw new SignatureError({
    message: `certificate chain rejected at depth ${failure.depth}: ${describeReason(failure.reason)}`,
    details: { ...failure },
  });
}

/**
 * The non-throwing form of {@link verifyCertificateChain}: returns `{ ok: true, path }` or
 * `{ ok: false, failure }`. Throws only a `ValidationError` for arguments of the wrong type.
 */
export function checkCertificateChain(
  leaf: X509Certificate,
  intermediates: readonly X509Certificate[],
  roots: readonly X509Certificate[],
  options: CertificateChainOptions = {},
): CertificateChainResult {
  checkArguments(leaf, intermediates, roots, options);
  const at = options.at ?? new Date();
  const path: X509Certificate[] = [leaf];
  const unused = [...intermediates];
  let current = leaf;
  // Each step consumes one intermediate, so the loop ends after at most intermediates.length + 1 links.
  for (let depth = 0; ; depth++) {
    const validityFailure = checkValidity(current, depth, at);
    if (validityFailure !== undefined) return { ok: false, failure: validityFailure };

    const trustedIssuer = findIssuer(current, roots);
    if (trustedIssuer.kind === 'verified') {
      path.push(trustedIssuer.issuer);
      // The root's own window: an expired trust anchor is not silently accepted.
      const rootFailure = checkValidity(trustedIssuer.issuer, depth + 1, at);
      if (rootFailure !== undefined) return { ok: false, failure: rootFailure };
      return { ok: true, path };
    }
    const intermediate = findIssuer(current, unused);
    if (intermediate.kind === 'verified') {
      if (intermediate.issuer.ca !== true) {
        return { ok: false, failure: failureOf('not_ca', intermediate.issuer, depth + 1) };
      }
      unused.splice(unused.indexOf(intermediate.issuer), 1);
      path.push(intermediate.issuer);
      current = intermediate.issuer;
      continue;
    }
    // Report the most specific failure: a name match whose signature failed beats no name match.
    const reason = trustedIssuer.kind === 'bad_signature' || intermediate.kind === 'bad_signature';
    return { ok: false, failure: failureOf(reason ? 'signature' : 'issuer_mismatch', current, depth) };
  }
}

type IssuerSearch =
  | { kind: 'verified'; issuer: X509Certificate }
  | { kind: 'bad_signature' }
  | { kind: 'none' };

function findIssuer(certificate: X509Certificate, candidates: readonly X509Certificate[]): IssuerSearch {
  let nameMatched = false;
  for (const candidate of candidates) {
    // checkIssued compares the issuer name (and key identifiers when present) without the signature.
    if (!certificate.checkIssued(candidate)) continue;
    nameMatched = true;
    if (verifiesWith(certificate, candidate)) return { kind: 'verified', issuer: candidate };
  }
  return nameMatched ? { kind: 'bad_signature' } : { kind: 'none' };
}

function verifiesWith(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate.verify(issuer.publicKey);
  } catch {
    // A key type that cannot verify this signature algorithm is a failed verification, not a crash.
    return false;
  }
}

function checkValidity(
  certificate: X509Certificate,
  depth: number,
  at: Date,
): CertificateChainFailure | undefined {
  const { notBefore, notAfter } = certificateValidity(certificate);
  if (at.getTime() < notBefore.getTime()) return failureOf('not_yet_valid', certificate, depth);
  if (at.getTime() > notAfter.getTime()) return failureOf('expired', certificate, depth);
  return undefined;
}

function failureOf(
  reason: CertificateChainFailureReason,
  certificate: X509Certificate,
  depth: number,
): CertificateChainFailure {
  return {
    reason,
    depth,
    subject: certificate.subject.replaceAll('\n', ', '),
    serialDecimal: certificateSerialDecimal(certificate),
  };
}

function describeReason(reason: CertificateChainFailureReason): string {
  switch (reason) {
    case 'issuer_mismatch':
      return 'no trusted or supplied certificate issued it';
    case 'signature':
      return 'its signature does not verify with its issuer key';
    case 'not_yet_valid':
      return 'not yet valid at the verification time';
    case 'expired':
      return 'expired at the verification time';
    case 'not_ca':
      return 'its issuer is not a CA certificate';
  }
}

function checkArguments(
  leaf: unknown,
  intermediates: unknown,
  roots: unknown,
  options: CertificateChainOptions,
): void {
  if (!(leaf instanceof X509Certificate))
    throw invalidArgument('leaf', 'must be an X509Certificate', 'invalid_type');
  for (const [field, list] of [
    ['intermediates', intermediates],
    ['roots', roots],
  ] as const) {
    if (!Array.isArray(list) || !list.every((item) => item instanceof X509Certificate)) {
      throw invalidArgument(field, 'must be an array of X509Certificate', 'invalid_type');
    }
  }
  if (options.at !== undefined && (!(options.at instanceof Date) || Number.isNaN(options.at.getTime()))) {
    throw invalidArgument('at', 'must be a valid Date', 'invalid_type');
  }
}
