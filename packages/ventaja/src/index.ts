// @wirebridge/ventaja — explicit public API (DESIGN §11). Filled in by the ventaja issue.
export {};
