// @wirebridge/kicc — explicit public API (DESIGN §11). Filled in by the kicc issue.
export {};
