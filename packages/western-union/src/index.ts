// @wirebridge/western-union — explicit public API (DESIGN §11). Filled in by the western-union issue.
export {};
