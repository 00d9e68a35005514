// @wirebridge/unionpay/testing — the simulator. Filled in by the unionpay issue.
export {};
