export const secondDatabaseRun: boolean;
export function driverIndependentFiles(root: string, dirs: string[], suffix: string): string[];
