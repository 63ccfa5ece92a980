import pg from "pg";

/** The URL of database `name` on the server of `base`. */
export function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh, empty database `name` on the server of `base` (an earlier one of that name dropped
 * first), which the app migrates when it starts on it; `drop` removes it again.
 */
export async function freshDatabase(base: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const onServer = async (statements: string[]) => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      for (const statement of statements) await admin.query(statement);
    } finally {
      await admin.end();
    }
  };
  const dropStatement = `drop database if exists ${pg.escapeIdentifier(name)} with (force)`;
  await onServer([dropStatement, `create database ${pg.escapeIdentifier(name)}`]);
  return { url: databaseUrl(base, name), drop: () => onServer([dropStatement]) };
}
