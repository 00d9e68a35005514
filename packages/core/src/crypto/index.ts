// @wirebridge/core/crypto — generic primitives only; vendor signing formats live in vendor packages.
export type { AesOptions } from './aes.js';
export { aesDecrypt, aesEncrypt } from './aes.js';
export type {
  CertificateChainFailure,
  CertificateChainFailureReason,
  CertificateChainOptions,
  CertificateChainResult,
} from './certificate-chain.js';
export { checkCertificateChain, verifyCertificateChain } from './certificate-chain.js';
export type { CertificateValidity } from './certificate-fields.js';
export { certificateSerialDecimal, certificateValidity, subjectCommonName } from './certificate-fields.js';
export { constantTimeEqual } from './constant-time.js';
export type { HmacAlgorithm } from './hmac.js';
export { hmac, verifyHmac } from './hmac.js';
export type { KeyMaterial, KeyMaterialOptions } from './key-material.js';
export { loadCertificate, loadCertificates, loadPrivateKey, loadPublicKey } from './key-material.js';
export type { LoadPkcs12Options, Pkcs12Contents } from './pkcs12.js';
export { loadPkcs12 } from './pkcs12.js';
export type { RsaHashAlgorithm } from './rsa.js';
export { rsaDecryptPkcs1, rsaEncryptPkcs1, rsaSign, rsaVerify } from './rsa.js';
export type { SeedCipher, SeedCipherOptions } from './seed-cipher.js';
export { createSeedCipher } from './seed-cipher.js';
