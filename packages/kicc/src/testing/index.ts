// @wirebridge/kicc/testing — the simulator. Filled in by the kicc issue.
export {};
