// @wirebridge/ventaja/testing — the simulator. Filled in by the ventaja issue.
export {};
