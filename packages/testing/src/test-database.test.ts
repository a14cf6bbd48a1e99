import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_TEST_DATABASE_URL,
  TEST_DATABASE_VARIABLE,
  testDatabaseConnection,
  testDatabaseUrl,
} from "./test-database.ts";

const elsewhere = {
  [TEST_DATABASE_VARIABLE]: "postgres://ci:s3cret@db.ci.internal:6543/headgate_ci?sslmode=disable",
};

describe("the test database", () => {
  it("is the machine's Postgres database `test` when HEADGATE_TEST_DATABASE_URL is not set", () => {
    expect(testDatabaseUrl({}, {})).toBe(DEFAULT_TEST_DATABASE_URL);
    expect(testDatabaseConnection({}, {})).toEqual({
      host: "127.0.0.1",
      port: 5432,
      user: "postgres",
      database: "test",
    });
  });

  it("is the one HEADGATE_TEST_DATABASE_URL names, as a URL and as connection fields", () => {
    expect(testDatabaseUrl({}, elsewhere)).toBe(elsewhere[TEST_DATABASE_VARIABLE]);
    expect(testDatabaseConnection({}, elsewhere)).toEqual({
      host: "db.ci.internal",
      port: 6543,
      user: "ci",
      password: "s3cret",
      database: "headgate_ci",
    });
  });

  it("gives neighbouring addresses that keep everything the variable says but the change", () => {
    expect(testDatabaseUrl({ database: "headgate_no_such_db" }, elsewhere)).toBe(
      "postgres://ci:s3cret@db.ci.internal:6543/headgate_no_such_db?sslmode=disable",
    );
    expect(testDatabaseUrl({ user: "nobody_here", password: "pw" }, elsewhere)).toBe(
      "postgres://nobody_here:pw@db.ci.internal:6543/headgate_ci?sslmode=disable",
    );
    expect(testDatabaseUrl({ password: null, port: 1 }, elsewhere)).toBe(
      "postgres://ci@db.ci.internal:1/headgate_ci?sslmode=disable",
    );
  });

  it("carries any role and database name through unchanged", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (user, database) => {
        const connection = testDatabaseConnection({ user, database }, elsewhere);
        expect(connection).toMatchObject({ user, database, host: "db.ci.internal", port: 6543 });
      }),
    );
  });

  it("refuses a variable that is not a Postgres URL, naming the variable", () => {
    expect(() => testDatabaseUrl({}, { [TEST_DATABASE_VARIABLE]: "test" })).toThrow(
      "HEADGATE_TEST_DATABASE_URL is not a URL",
    );
    expect(() => testDatabaseUrl({}, { [TEST_DATABASE_VARIABLE]: "mysql://root@127.0.0.1/test" })).toThrow(
      "HEADGATE_TEST_DATABASE_URL must be a postgres:// URL",
    );
  });
});
