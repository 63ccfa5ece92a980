// @driver-independent: no database (README, Tests: run once).
import { DrizzleQueryError } from "drizzle-orm/errors";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { isConnectionError } from "@/db/connection-errors";

const withCode = (message: string, code: string, extra: object = {}) => Object.assign(new Error(message), { code, ...extra });

describe("connection errors", () => {
  it("are the failures of an unreachable or restarting server", () => {
    const lost = [
      withCode("terminating connection due to administrator command", "57P01"),
      withCode("terminating connection due to crash of another server process", "57P02"),
      withCode("the database system is starting up", "57P03"),
      withCode("connection failure", "08006"),
      withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED", { syscall: "connect" }),
      withCode("read ECONNRESET", "ECONNRESET"),
      withCode("connect ENOENT /tmp/lotse/.s.PGSQL.5432", "ENOENT", { syscall: "connect" }),
      new Error("Connection terminated unexpectedly"),
      new Error("Connection terminated due to connection timeout", { cause: new Error("Connection terminated unexpectedly") }),
      new Error("timeout exceeded when trying to connect"),
      new Error("Client has encountered a connection error and is not queryable"),
      // drizzle wraps the driver's error; a host name may resolve to several refused addresses
      new DrizzleQueryError("select 1", [], withCode("terminating connection due to administrator command", "57P01")),
      Object.assign(new AggregateError([withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED")], ""), {}),
    ];
    for (const error of lost) expect(isConnectionError(error), error.message).toBe(true);
  });

  it("are not the query's own failures", () => {
    const database = new pg.DatabaseError('duplicate key value violates unique constraint "users_email_unique"', 0, "error");
    database.code = "23505";
    const others = [database, new DrizzleQueryError("select x", [], new Error('column "x" does not exist')), new TypeError("x is undefined"), "a string", null, undefined];
    for (const error of others) expect(isConnectionError(error), String(error)).toBe(false);
  });
});
