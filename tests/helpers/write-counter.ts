import { getPool } from "@/db/client";
import { APP_ROLE } from "@/db/row-security";

/**
 * Counts the rows written (inserted, changed or deleted) in the tables a write endpoint touches,
 * by a row trigger that adds one to a counter in the same transaction: a rolled-back write takes
 * its count back with it, so the counter moves only for what was committed. It proves "a refused
 * request wrote nothing" with one tiny read per case, where counting every table's rows grows
 * with the tables (the fuzz test asks after each of its tens of thousands of cases). Test
 * scaffolding only: `stop` removes all of it, so later test files see the schema as migrated.
 */
const TABLES = ["records", "clients", "history", "idempotency_keys", "consents"] as const;
const COUNTER = "test_write_counter";

export interface WriteCounter {
  /** Rows written in the watched tables since the counter was installed. */
  read(): Promise<number>;
  stop(): Promise<void>;
}

export async function installWriteCounter(): Promise<WriteCounter> {
  const pool = await getPool();
  // The schema owner's work: the app's role may create nothing (db/row-security.ts).
  await pool.query(`
    begin;
    set local role none;
    create table ${COUNTER} (n bigint not null);
    insert into ${COUNTER} values (0);
    grant select on ${COUNTER} to ${APP_ROLE};
    create function ${COUNTER}_add() returns trigger language plpgsql security definer set search_path = public as $$
      begin update ${COUNTER} set n = n + 1; return null; end $$;
    ${TABLES.map((t) => `create trigger ${COUNTER} after insert or update or delete on ${t} for each row execute function ${COUNTER}_add();`).join("\n")}
    commit`);
  return {
    async read() {
      const { rows } = await pool.query<{ n: string }>(`select n from ${COUNTER}`);
      return Number(rows[0].n);
    },
    async stop() {
      await pool.query(`
        begin;
        set local role none;
        ${TABLES.map((t) => `drop trigger ${COUNTER} on ${t};`).join("\n")}
        drop function ${COUNTER}_add();
        drop table ${COUNTER};
        commit`);
    },
  };
}
