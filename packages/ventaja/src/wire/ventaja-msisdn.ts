import { ValidationError } from '@wirebridge/core';

const e164Pattern = /^\+639\d{9}$/;
const localPattern = /^09\d{9}$/;

/** E.164 `+639XXXXXXXXX` → the local `09XXXXXXXXX` the e-load host reads (spec §4.4, **Modelled**). */
export function toVentajaMsisdn(e164: string): string {
  if (typeof e164 !== 'string' || !e164Pattern.test(e164)) {
    throw new ValidationError({
      message: 'msisdn must be a Philippine mobile number in E.164 form (+639XXXXXXXXX)',
      issues: [{ path: 'msisdn', message: 'must match +639XXXXXXXXX', code: 'invalid_format' }],
    });
  }
  return `0${e164.slice(3)}`;
}

/** The local `09XXXXXXXXX` form → E.164 `+639XXXXXXXXX` (spec §4.4, **Modelled**). */
export function fromVentajaMsisdn(local: string): string {
  if (typeof local !== 'string' || !localPattern.test(local)) {
    throw new ValidationError({
      message: 'mobile number must be in the local form 09XXXXXXXXX',
      issues: [{ path: 'mobileNumber', message: 'must match 09XXXXXXXXX', code: 'invalid_format' }],
    });
  }
  return `+63${local.slice(1)}`;
}
