// @wirebridge/faysal/testing — the simulator. Filled in by the faysal issue.
export {};
