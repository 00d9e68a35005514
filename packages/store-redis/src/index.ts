// @wirebridge/store-redis — explicit public API (DESIGN §11). Filled in by the routing/shared-state issue.
export {};
