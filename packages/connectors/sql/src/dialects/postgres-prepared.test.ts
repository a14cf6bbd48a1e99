/**
 * Postgres statements run prepared: once per connection and shape, bounded in number, and still
 * right after the table changed under them.
 */

import knexFactory from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqlConnector } from "../sql-connector.ts";
import { openPostgres, POSTGRES_CONNECTION, type TestDatabase } from "../testing/jobs-fixture.ts";
import { runPreparedSelect } from "./postgres-prepared.ts";

let db: TestDatabase;
let connection: unknown;
beforeAll(async () => {
  db = await openPostgres();
  await db.knex.raw("CREATE TABLE ??.t (id int PRIMARY KEY, name text)", [db.schema!]);
  await db.knex.raw("INSERT INTO ??.t VALUES (1, 'a'), (2, 'b'), (3, 'c')", [db.schema!]);
  connection = await (
    db.knex.client as unknown as { acquireConnection(): Promise<unknown> }
  ).acquireConnection();
});
afterAll(async () => {
  await (db.knex.client as unknown as { releaseConnection(c: unknown): Promise<void> }).releaseConnection(
    connection,
  );
  await db?.close();
});

/** The texts of the statements prepared on the connection. */
const prepared = async (): Promise<string[]> =>
  (
    await runPreparedSelect(connection, "SELECT statement FROM pg_prepared_statements ORDER BY statement", [])
  ).map((row) => String(row.statement));

describe("prepared Postgres statements", () => {
  it("prepares a statement shape once and runs it with new values", async () => {
    const text = `SELECT * FROM "${db.schema}".t WHERE id >= $1 ORDER BY id`;
    expect(await runPreparedSelect(connection, text, [2])).toEqual([
      { id: 2, name: "b" },
      { id: 3, name: "c" },
    ]);
    const before = await prepared();
    expect(await runPreparedSelect(connection, text, [3])).toEqual([{ id: 3, name: "c" }]);
    expect(await prepared()).toEqual(before);
  });

  it("keeps at most the given number of statements, dropping the least recently used", async () => {
    const shapes = [1, 2, 3, 4].map((n) => `SELECT ${n} AS n, $1::int AS v`);
    for (const text of shapes) await runPreparedSelect(connection, text, [n(text)], 2);
    expect((await prepared()).filter((text) => shapes.includes(text))).toEqual(shapes.slice(2));
    expect(await runPreparedSelect(connection, shapes[3]!, [7], 2)).toEqual([{ n: 4, v: 7 }]);
  });

  it("plans a statement with values for each run, and reuses the plan of one without", async () => {
    const filtered = `SELECT * FROM "${db.schema}".t WHERE id >= $1 ORDER BY id LIMIT 2`;
    const unfiltered = `SELECT * FROM "${db.schema}".t ORDER BY id LIMIT 2`;
    for (let run = 0; run < 8; run++) {
      await runPreparedSelect(connection, filtered, [run % 3]);
      await runPreparedSelect(connection, unfiltered, []);
    }
    const plans = await runPreparedSelect(
      connection,
      "SELECT statement, generic_plans, custom_plans FROM pg_prepared_statements WHERE statement = ANY($1)",
      [[filtered, unfiltered]],
    );
    const of = (text: string) => plans.find((p) => p.statement === text);
    expect(of(filtered)).toMatchObject({ generic_plans: "0", custom_plans: "8" });
    expect(of(unfiltered)).toMatchObject({ custom_plans: "0" });
    expect(Number(of(unfiltered)?.generic_plans)).toBeGreaterThan(0);
  });

  it("runs a statement again after its table changed shape", async () => {
    const text = `SELECT * FROM "${db.schema}".t WHERE id = $1`;
    await runPreparedSelect(connection, text, [1]);
    await db.knex.raw("ALTER TABLE ??.t ADD COLUMN extra text DEFAULT 'x'", [db.schema!]);
    expect(await runPreparedSelect(connection, text, [1])).toEqual([{ id: 1, name: "a", extra: "x" }]);
    expect(await runPreparedSelect(connection, text, [2])).toEqual([{ id: 2, name: "b", extra: "x" }]);
  });
});

describe("the preparedStatements option", () => {
  it("leaves nothing prepared on the connection when it is off (for poolers that cannot keep statements)", async () => {
    const counts: Record<string, number> = {};
    for (const prepared of [true, false]) {
      // One pooled session, so the catalog query below sees what the scans left on it.
      const knex = knexFactory({ client: "pg", connection: POSTGRES_CONNECTION, pool: { min: 1, max: 1 } });
      try {
        const connector = createSqlConnector({
          knex,
          dialect: "postgres",
          schema: db.schema!,
          tables: [{ table: "t" }],
          preparedStatements: prepared,
        });
        for await (const _page of connector.scan({
          entitySet: "t",
          top: 2,
          signal: new AbortController().signal,
          deadline: Date.now() + 30_000,
        })) {
          // read it all
        }
        const rows = await knex.raw("SELECT count(*) AS n FROM pg_prepared_statements");
        counts[String(prepared)] = Number(rows.rows[0].n);
      } finally {
        await knex.destroy();
      }
    }
    expect(counts.true).toBeGreaterThan(0);
    expect(counts.false).toBe(0);
  });
});

function n(text: string): number {
  return Number(/SELECT (\d)/.exec(text)?.[1]);
}
