// @wirebridge/western-union/testing — the simulator. Filled in by the western-union issue.
export {};
