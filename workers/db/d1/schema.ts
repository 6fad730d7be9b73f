export * from "./identity";
export * from "./creators";
