/**
 * Purpose-of-payment codes (spec §4.2, Sourced: PAYSYS `openapi.yaml`). `9999` needs `purposeText` (≤ 40).
 */
export const PK_PURPOSE_CODES: readonly { code: string; label: string }[] = Object.freeze([
  Object.freeze({ code: '0251', label: 'Family and friends support' }),
  Object.freeze({ code: '0252', label: 'Medical expenses' }),
  Object.freeze({ code: '0303', label: 'Bill payment' }),
  Object.freeze({ code: '0320', label: 'Charity' }),
  Object.freeze({ code: '0336', label: 'Education' }),
  Object.freeze({ code: '0404', label: 'Salaries' }),
  Object.freeze({ code: '9999', label: 'Other (free text in purposeText)' }),
]);
