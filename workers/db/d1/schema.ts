export * from "./identity";
export * from "./creators";
export * from "./links";
export * from "./catalog";
export * from "./storefronts";
export * from "./communities";
export * from "./courses";
export * from "./outbox";
