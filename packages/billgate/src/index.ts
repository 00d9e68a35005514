// @wirebridge/billgate — explicit public API (DESIGN §11). Filled in by the billgate issue.
export {};
