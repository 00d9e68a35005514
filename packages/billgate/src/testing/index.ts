// @wirebridge/billgate/testing — the simulator. Filled in by the billgate issue.
export {};
