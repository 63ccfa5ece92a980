import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { databaseKind, getDb, type Tx } from "@/db/client";
import { executePrepared, MAX_PREPARED, statementName } from "@/db/prepared";

/** The names of this connection's prepared statements (the transaction's own connection). */
async function preparedNames(tx: Tx): Promise<string[]> {
  const { rows } = await tx.execute(sql`select name from pg_prepared_statements where name like 'lotse\_%'`);
  return rows.map((r) => r.name as string);
}

describe("prepared statements (db/prepared.ts)", () => {
  it("answer what the statement unprepared answers, values and all", async () => {
    const statement = (n: number) => sql`select ${n}::int * 2 as "twice", ${`text ${n}`}::text as "label"`;
    const db = await getDb();
    for (const n of [1, 2, 3]) {
      expect((await executePrepared(db, statement(n))).rows).toEqual((await db.execute(statement(n))).rows);
    }
  });

  it("are prepared once per connection on PostgreSQL, under a name made of the text; on PGlite never", async () => {
    const statement = (n: number) => sql`select ${n}::int + 40 as "sum"`;
    const name = statementName("select $1::int + 40 as \"sum\"");
    await (
      await getDb()
    ).transaction(async (tx) => {
      for (const n of [1, 2, 3]) expect((await executePrepared(tx, statement(n))).rows).toEqual([{ sum: n + 40 }]);
      const names = await preparedNames(tx);
      if (databaseKind() === "postgres") expect(names.filter((n) => n === name)).toEqual([name]);
      else expect(names).toEqual([]);
    });
  });

  it(`run unnamed past ${MAX_PREPARED} texts, so that a text that varies cannot fill every connection`, async () => {
    await (
      await getDb()
    ).transaction(async (tx) => {
      const texts = Array.from({ length: MAX_PREPARED + 5 }, (_, i) => i);
      for (const i of texts) expect((await executePrepared(tx, sql`select ${sql.raw(String(i))} + ${1}::int as "n"`)).rows).toEqual([{ n: i + 1 }]);
      const names = await preparedNames(tx);
      const prepared = texts.filter((i) => names.includes(statementName(`select ${i} + $1::int as "n"`)));
      expect(prepared.length).toBeLessThanOrEqual(MAX_PREPARED);
      // The last ones came after the limit was reached.
      expect(prepared).not.toContain(MAX_PREPARED + 4);
      if (databaseKind() === "postgres") expect(prepared).toContain(0);
    });
  });
});
