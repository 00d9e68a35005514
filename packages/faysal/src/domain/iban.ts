// Pakistani IBAN (spec §4.2, Sourced: PAYSYS p_IBFTTransfer.yaml; ISO 13616): `PK` + 2 check digits + 4-letter
// bank code + 16 digits = 24 characters, and the ISO 7064 mod-97 remainder must be 1.
const pakistanIbanShape = /^PK\d{2}[A-Z]{4}\d{16}$/;

/** True for a 24-character `PK` IBAN whose mod-97 check holds (ISO 13616). */
export function isValidPakistanIban(value: string): boolean {
  if (typeof value !== 'string' || !pakistanIbanShape.test(value)) return false;
  return ibanRemainder(value) === 1;
}

/** ISO 7064 mod-97 of an IBAN: the first four characters moved to the end, letters as 10–35. */
export function ibanRemainder(iban: string): number {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const code = character.charCodeAt(0);
    const digits = code >= 65 && code <= 90 ? String(code - 55) : character;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

/** Builds a valid `PK` IBAN from a bank code and 16 digits (used by the simulator to mint accounts). */
export function pakistanIbanFor(bankCode: string, accountDigits: string): string {
  const remainder = ibanRemainder(`PK00${bankCode}${accountDigits}`);
  return `PK${String(98 - remainder).padStart(2, '0')}${bankCode}${accountDigits}`;
}

/** The 4-letter bank code of a `PK` IBAN (`FAYS`, `SCBL`…). */
export function ibanBankCode(iban: string): string {
  return iban.slice(4, 8);
}
