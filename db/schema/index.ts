export * from "./org";
export * from "./users";
