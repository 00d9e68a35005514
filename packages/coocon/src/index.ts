// @wirebridge/coocon — explicit public API (DESIGN §11). Filled in by the coocon issue.
export {};
