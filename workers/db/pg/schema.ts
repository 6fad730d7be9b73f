export * from "./brands";
