import { randomUUID } from "node:crypto";
import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, TEST_POSTGRES_URL, type TestGateway } from "../testing/test-gateway.ts";

/**
 * The time budget: a query that would run past it is answered in time with the rows known so
 * far and a cursor that continues right after them. The upstream is a real Postgres view of 20
 * rows that stalls (pg_sleep) on every row after the fifth, read by the sql connector five rows
 * per statement, so the budget is certainly reached after the first statement. The assertions
 * hold however fast or slow the machine is (even if the first statement were slow too).
 */

const BUDGET_MS = 1_000;

let gateway: TestGateway;
let knex: Knex;
const schema = `act_${randomUUID().replaceAll("-", "").slice(0, 12)}`;

beforeAll(async () => {
  knex = knexFactory({ client: "pg", connection: TEST_POSTGRES_URL });
  await knex.raw("CREATE SCHEMA ??", [schema]);
  await knex.raw("CREATE TABLE ??.items (id integer PRIMARY KEY, name text NOT NULL)", [schema]);
  await knex.raw("INSERT INTO ??.items SELECT i, 'item ' || i FROM generate_series(1, 5000) AS i", [schema]);
  // The connector orders NULLS FIRST (OData's order); an index in that order lets Postgres stop
  // reading at the statement's LIMIT instead of evaluating (and sleeping on) every row.
  await knex.raw("CREATE INDEX ON ??.items (id ASC NULLS FIRST)", [schema]);
  await knex.raw("ANALYZE ??.items", [schema]);
  await defineView("CASE WHEN id <= 5 THEN true ELSE pg_sleep(60) IS NOT NULL END");
  gateway = await startTestGateway({
    context: { actionBudget: { maxResponseChars: 95_000, deadlineMs: BUDGET_MS } },
  });
  await gateway.store.connections.create(gateway.acme.id, {
    name: "slow",
    kind: "sql",
    settings: { dialect: "postgres", schema, pageSize: 5, tables: [{ table: "slow_items", key: ["id"] }] },
    secrets: { url: TEST_POSTGRES_URL },
  });
  gateway.context.connectionsChanged(gateway.acme.id);
});

afterAll(async () => {
  await gateway?.close();
  await knex.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
  await knex.destroy();
});

/** The view the connection reads: the first 20 items, filtered by `condition` (which may stall). */
function defineView(condition: string) {
  const where = `id <= 20 AND (${condition})`;
  return knex.raw(`CREATE OR REPLACE VIEW ??.slow_items AS SELECT id, name FROM ??.items WHERE ${where}`, [
    schema,
    schema,
  ]);
}

const rows = (parameters: Record<string, string | number>) =>
  http(
    `${gateway.url}/api/entity-sets/slow_items/rows?${new URLSearchParams(Object.entries(parameters).map(([k, v]): [string, string] => [k, String(v)]))}`,
    { key: gateway.acme.queryKey },
  );

describe("a query that runs past the time budget", () => {
  it("is answered with the first rows known, a deadline notice and a cursor that continues after them", async () => {
    const answer = await rows({ orderby: "id", select: "id" });
    expect(answer.status, answer.text).toBe(200);
    const ids = answer.body.rows.map((r: { id: number }) => r.id);
    expect(ids.length).toBeLessThanOrEqual(5);
    expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => i + 1));
    expect(answer.body.truncated.reason).toBe("deadline");
    expect(answer.body.truncated.message).toContain("time budget");
    expect(answer.body.truncated.message).toContain("cheapFilters");
    expect(answer.body.nextCursor).toBeTypeOf("string");

    // Once the upstream is fast again, the cursor yields exactly the rows that were missing.
    await defineView("true");
    const rest: number[] = [];
    let next: string | undefined = answer.body.nextCursor;
    while (next) {
      const page = await rows({ cursor: next });
      expect(page.status, page.text).toBe(200);
      expect(page.body.truncated).toBeUndefined();
      rest.push(...page.body.rows.map((r: { id: number }) => r.id));
      next = page.body.nextCursor;
    }
    expect([...ids, ...rest]).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});
