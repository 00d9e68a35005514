// @wirebridge/faysal — explicit public API (DESIGN §11). Filled in by the faysal issue.
export {};
