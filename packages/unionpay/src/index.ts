// @wirebridge/unionpay — explicit public API (DESIGN §11). Filled in by the unionpay issue.
export {};
