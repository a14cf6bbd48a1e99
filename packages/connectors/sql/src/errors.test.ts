/**
 * Bad queries get the engine's clear errors before any SQL runs; database failures reach the
 * client as UpstreamError (or QueryTimeout) with a helpful message and no SQL text or database
 * message. The original error stays on a non-enumerable `cause`, for logs.
 */
import { Catalog, Engine } from "@headgate/engine";
import { ODataError, parseQueryOptions } from "@headgate/odata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqlConnector } from "./sql-connector.ts";
import { type Differential, openJobsDifferential, type TestDialect } from "./testing/jobs-fixture.ts";

async function failure(run: () => Promise<unknown>): Promise<ODataError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ODataError);
    return error as ODataError;
  }
  throw new Error("expected the query to fail");
}

/** Nothing a client sees may carry SQL or the database's own words. */
function expectNoDatabaseText(error: ODataError): void {
  const visible = JSON.stringify(error.toJSON()) + error.message + JSON.stringify(error);
  for (const leak of [
    /select\s/i,
    /\bfrom\s/i,
    /relation/i,
    /no such/i,
    /does not exist/i,
    /\$\d/,
    /"Jobs"/,
    /`Jobs`/,
  ]) {
    expect(visible).not.toMatch(leak);
  }
  expect(Object.keys(error)).not.toContain("cause");
}

describe.each(["postgres", "sqlite"] satisfies TestDialect[])("on %s", (dialect) => {
  let d: Differential;
  beforeAll(async () => {
    d = await openJobsDifferential(dialect);
  });
  afterAll(async () => {
    await d?.database.close();
  });
  const query = (text: string) => d.sql.query({ entitySet: "Jobs", options: parseQueryOptions(text) });

  it("names the valid properties for an unknown column", async () => {
    const error = await failure(() => query("$filter=Amout gt 5"));
    expect(error.code).toBe("UnknownProperty");
    expect(error.message).toContain("did you mean 'Amount'");
    expectNoDatabaseText(error);
  });

  it("shows the literal form a property expects for a value of the wrong type", async () => {
    const error = await failure(() => query("$filter=Amount eq 'abc'"));
    expect(error.code).toBe("TypeMismatch");
    expect(error.message).toContain("Amount is Edm.Decimal");
    expectNoDatabaseText(error);
  });

  it("rejects a date that is not a date before it reaches the database", async () => {
    const error = await failure(() => query("$filter=StartDate eq '2024-02-30'"));
    expect(error.code).toBe("TypeMismatch");
  });

  it("answers an unsupported function with NotImplemented", async () => {
    const error = await failure(() => query("$filter=hassubset(Name,Name)"));
    expect(error.code).toBe("NotImplemented");
    expectNoDatabaseText(error);
  });

  it("reports a vanished table as UpstreamError without SQL or the database's message", async () => {
    const { knex, schema } = d.database;
    await (schema ? knex.schema.withSchema(schema) : knex.schema).renameTable("rfis", "rfis_moved");
    try {
      const error = await failure(() =>
        d.sql.query({ entitySet: "Rfis", options: parseQueryOptions("$top=1") }),
      );
      expect(error.code).toBe("UpstreamError");
      expect(error.status).toBe(502);
      expect(error.message).toContain("Entity set 'Rfis' could not be read");
      expect(error.message).toContain("refresh the connection's schema");
      expectNoDatabaseText(error);
      // The raw failure is kept for logs, out of sight of serializers.
      expect(error.cause).toBeInstanceOf(Error);
      expect(String((error.cause as Error).message)).toMatch(/rfis/);
    } finally {
      await (schema ? knex.schema.withSchema(schema) : knex.schema).renameTable("rfis_moved", "rfis");
    }
  });

  it("reports a dropped table as UpstreamError", async () => {
    const { knex, schema } = d.database;
    const builder = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    await builder().createTable("doomed", (t) => t.integer("id").primary());
    const connector = createSqlConnector({
      knex,
      dialect,
      ...(schema === undefined ? {} : { schema }),
      tables: [{ table: "doomed", entitySet: "Doomed" }],
    });
    const engine = new Engine({
      catalog: await Catalog.build([{ name: "db", connector }]),
      skipTokenSecret: "s",
    });
    await builder().dropTable("doomed");
    const error = await failure(() => engine.query({ entitySet: "Doomed", options: parseQueryOptions("") }));
    expect(error.code).toBe("UpstreamError");
    expect(error.message).toMatch(
      /^Entity set 'Doomed' could not be read: a table or column this connection exposes no longer exists/,
    );
    expectNoDatabaseText(error);
  });

  it("reports a vanished column the same way", async () => {
    const { knex, schema } = d.database;
    const table = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
    await table().alterTable("rfis", (t) => t.renameColumn("subject", "topic"));
    try {
      const error = await failure(() =>
        d.sql.query({ entitySet: "Rfis", options: parseQueryOptions("$filter=subject eq 'x'") }),
      );
      expect(error.code).toBe("UpstreamError");
      expectNoDatabaseText(error);
    } finally {
      await table().alterTable("rfis", (t) => t.renameColumn("topic", "subject"));
    }
  });
});
