export const firstDatabaseRun: boolean;
export const secondDatabaseRun: boolean;
export function ranInTheOtherRun(root: string, dirs: string[], suffix: string): string[];
