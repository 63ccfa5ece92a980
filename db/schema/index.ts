export * from "./org";
export * from "./users";
export * from "./clients";
export * from "./records";
export * from "./figures";
export * from "./audit";
export * from "./editions";
export * from "./imports";
