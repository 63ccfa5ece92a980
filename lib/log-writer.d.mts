export type LogLevel = "info" | "warn" | "error";
export function writeLog(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
export function setLogDestination(destination: { write(line: string): void }): void;
