// CNIC (spec §4.2, Sourced: PAYSYS): 13 digits on the wire; the dashed form `12345-1234567-1` is accepted in the SDK.
const plainCnic = /^\d{13}$/;
const dashedCnic = /^\d{5}-\d{7}-\d$/;

/** True for 13 digits, with or without the `12345-1234567-1` dashes. */
export function isValidCnic(value: string): boolean {
  return typeof value === 'string' && (plainCnic.test(value) || dashedCnic.test(value));
}

/** The 13-digit wire form of a CNIC: `12345-1234567-1` → `1234512345671`. Returns other input unchanged. */
export function normalizeCnic(value: string): string {
  return dashedCnic.test(value) ? value.replaceAll('-', '') : value;
}
