export * from "./brands";
export * from "./campaigns";
export * from "./events";
export * from "./ledger";
export * from "./storefronts";
export * from "./communities";
export * from "./money";
export * from "./orders";
