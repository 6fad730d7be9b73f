export * from "./brands";
export * from "./campaigns";
