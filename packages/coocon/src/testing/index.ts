// @wirebridge/coocon/testing — the simulator. Filled in by the coocon issue.
export {};
