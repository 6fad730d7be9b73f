export * from "./identity";
export * from "./creators";
export * from "./links";
