/**
 * Postgres types with surprising semantics, read and compared exactly as the engine reads and
 * compares their values: char(n) without trailing blanks, real as its shortest decimal, NaN and
 * infinities, numeric without a scale, timestamp without time zone (as UTC), sub-millisecond
 * timestamptz (to the millisecond), time, uuid, enums (as text), and a column name that is not
 * an OData identifier. Also what introspection makes of them.
 */
import { randomBytes } from "node:crypto";
import { NO_CAPABILITIES } from "@headgate/connector-kit";
import { Catalog, createMemoryConnector, Engine } from "@headgate/engine";
import type { EntitySetDef, Row } from "@headgate/model";
import { parseQueryOptions } from "@headgate/odata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqlConnector, type SqlConnector } from "./sql-connector.ts";
import { openPostgres, readAllPages, sortRows, type TestDatabase } from "./testing/jobs-fixture.ts";

const IDS = [
  "0f8fad5b-d9cb-469f-a165-70867728950e",
  "7c9e6679-7425-40de-944b-e07fc1f90ae7",
  "16fd2706-8baf-433b-82eb-8c7fada847da",
  "886313e1-3b8a-5372-9b90-0c9aee199e5d",
  "a8098c1a-f86e-11da-bd1a-00112444be1e",
  "c9bf9e57-1685-4c89-bafb-ff5af830be8a",
];

/** [database values, row-contract values] per row. */
const DATA: readonly [Record<string, unknown>, Row][] = [
  [
    {
      code: "AB",
      ratio: "1.1",
      weight: "2.5",
      price: "10.10",
      at_local: "2024-01-01 10:00:00.123",
      at_precise: "2024-01-01 10:00:00.1239+00",
      opens: "08:30:00",
      mood: "ok",
    },
    {
      code: "AB",
      ratio: 1.1,
      weight: 2.5,
      price: 10.1,
      at_local: "2024-01-01T10:00:00.123Z",
      at_precise: "2024-01-01T10:00:00.123Z",
      opens: "08:30:00",
      mood: "ok",
    },
  ],
  [
    {
      code: "AB  ",
      ratio: "1.1000001",
      weight: "NaN",
      price: "NaN",
      at_local: "2024-06-30 23:59:59.999",
      at_precise: "2024-01-01 10:00:00.1231+00",
      opens: "17:45:30.5",
      mood: "happy",
    },
    {
      code: "AB",
      ratio: 1.1000001,
      weight: Number.NaN,
      price: Number.NaN,
      at_local: "2024-06-30T23:59:59.999Z",
      at_precise: "2024-01-01T10:00:00.123Z",
      opens: "17:45:30.5",
      mood: "happy",
    },
  ],
  [
    {
      code: "A",
      ratio: "-0.5",
      weight: "Infinity",
      price: "-3",
      at_local: "2023-12-31 23:59:59",
      at_precise: "2024-01-01 10:00:00.124+00",
      opens: "00:00:00",
      mood: "sad",
    },
    {
      code: "A",
      ratio: -0.5,
      weight: Number.POSITIVE_INFINITY,
      price: -3,
      at_local: "2023-12-31T23:59:59.000Z",
      at_precise: "2024-01-01T10:00:00.124Z",
      opens: "00:00:00",
      mood: "sad",
    },
  ],
  [
    {
      code: null,
      ratio: null,
      weight: "-Infinity",
      price: "0.000001",
      at_local: null,
      at_precise: "2023-12-31 23:30:00-01:00",
      opens: null,
      mood: null,
    },
    {
      code: null,
      ratio: null,
      weight: Number.NEGATIVE_INFINITY,
      price: 0.000001,
      at_local: null,
      at_precise: "2024-01-01T00:30:00.000Z",
      opens: null,
      mood: null,
    },
  ],
  [
    {
      code: "b",
      ratio: "3.4028235e38",
      weight: null,
      price: null,
      at_local: "2024-02-29 12:00:00",
      at_precise: null,
      opens: "12:00:00",
      mood: "ok",
    },
    {
      code: "b",
      ratio: 3.4028235e38,
      weight: null,
      price: null,
      at_local: "2024-02-29T12:00:00.000Z",
      at_precise: null,
      opens: "12:00:00",
      mood: "ok",
    },
  ],
  [
    {
      code: "Zz",
      ratio: "0",
      weight: "0.1",
      price: "123456789.123456",
      at_local: "2025-03-01 00:00:00",
      at_precise: "2024-01-01 10:00:00.123+00",
      opens: "23:59:59.999999",
      mood: "happy",
    },
    {
      code: "Zz",
      ratio: 0,
      weight: 0.1,
      price: 123456789.123456,
      at_local: "2025-03-01T00:00:00.000Z",
      at_precise: "2024-01-01T10:00:00.123Z",
      opens: "23:59:59.999999",
      mood: "happy",
    },
  ],
];

/** In key order, the order the connector delivers rows that tie (or are not ordered). */
const ROWS: Row[] = DATA.map(([, row], i) => ({
  id: IDS[i],
  label: `L${i}`,
  small: i - 2,
  _2nd_place: i % 2 ? "x" : null,
  what_: (i - 2) % 3 === 0 ? "why" : "?",
  say__hi_: (i - 2) % 2 === 0 ? null : '"hi"',
  ...row,
})).sort((a, b) => String(a.id).localeCompare(String(b.id)));

let db: TestDatabase;
let connector: SqlConnector;
let sql: Engine;
let memory: Engine;
let definition: EntitySetDef;

beforeAll(async () => {
  db = await openPostgres();
  const s = db.schema!;
  const k = db.knex;
  await k.raw("CREATE TYPE ??.mood AS ENUM ('sad', 'ok', 'happy')", [s]);
  await k.raw(
    `CREATE TABLE ??."Odd Things" (
      id uuid PRIMARY KEY, code char(4), label varchar(20) NOT NULL, small smallint, ratio real,
      weight double precision, price numeric, at_local timestamp, at_precise timestamptz,
      opens time, mood ??.mood, "2nd place" text, data jsonb, "what\\?" text, "say ""hi""" text)`,
    [s, s],
  );
  await k.raw(`COMMENT ON TABLE ??."Odd Things" IS 'Things that are odd'`, [s]);
  await k.raw(`COMMENT ON COLUMN ??."Odd Things".label IS 'A short label'`, [s]);
  await k
    .withSchema(s)
    .table("Odd Things")
    .insert(
      DATA.map(([values], i) => ({
        id: IDS[i],
        label: `L${i}`,
        small: i - 2,
        "2nd place": i % 2 ? "x" : null,
        ...values,
      })),
    );
  // Names with a question mark and with double quotes (knex's own builders cannot write them).
  await k.raw(
    `UPDATE ??."Odd Things" SET "what\\?" = CASE WHEN small % 3 = 0 THEN 'why' ELSE '\\?' END,
       "say ""hi""" = CASE WHEN small % 2 = 0 THEN NULL ELSE '"hi"' END`,
    [s],
  );
  await k.raw(`CREATE TABLE ??.no_key (a integer, b text)`, [s]);
  await k.raw(`CREATE VIEW ??.happy_things AS SELECT id, label FROM ??."Odd Things" WHERE mood = 'happy'`, [
    s,
    s,
  ]);
  connector = createSqlConnector({ knex: k, dialect: "postgres", schema: s, pageSize: 2 });
  const secret = randomBytes(32);
  sql = new Engine({ catalog: await Catalog.build([{ name: "pg", connector }]), skipTokenSecret: secret });
  definition = (await connector.describe()).find((d) => d.name === "Odd_Things")!;
  memory = new Engine({
    catalog: await Catalog.build([
      {
        name: "memory",
        connector: createMemoryConnector({
          entitySets: [{ definition, rows: ROWS }],
          capabilities: NO_CAPABILITIES,
          propertyPushdown: "none",
        }),
      },
    ]),
    skipTokenSecret: secret,
  });
});

afterAll(async () => {
  await db?.close();
});

describe("introspection", () => {
  it("maps Postgres types to EDM types with their facets", () => {
    const types = Object.fromEntries(definition.entityType.properties.map((p) => [p.name, p.type]));
    expect(types).toEqual({
      id: "Edm.Guid",
      code: "Edm.String",
      label: "Edm.String",
      small: "Edm.Int32",
      ratio: "Edm.Double",
      weight: "Edm.Double",
      price: "Edm.Decimal",
      at_local: "Edm.DateTimeOffset",
      at_precise: "Edm.DateTimeOffset",
      opens: "Edm.TimeOfDay",
      mood: "Edm.String",
      _2nd_place: "Edm.String",
      what_: "Edm.String",
      say__hi_: "Edm.String",
    });
    const label = definition.entityType.properties.find((p) => p.name === "label")!;
    expect(label).toMatchObject({ nullable: false, maxLength: 20, description: "A short label" });
    expect(definition.description).toBe("Things that are odd");
    expect(definition.entityType.key).toEqual(["id"]);
  });

  it("keeps enum labels as allowed values, and says which column a renamed property reads", () => {
    const property = (name: string) => definition.entityType.properties.find((p) => p.name === name)!;
    expect(property("mood").allowedValues).toEqual(["sad", "ok", "happy"]);
    expect(property("_2nd_place").description).toBe("Column '2nd place'.");
  });

  it("advertises per type only what Postgres evaluates exactly", () => {
    const filter = (name: string) =>
      definition.entityType.properties.find((p) => p.name === name)!.capabilities.filter;
    expect(filter("id")).toEqual(["eq", "ne", "in"]);
    expect(filter("code")).toEqual([
      "eq",
      "ne",
      "gt",
      "ge",
      "lt",
      "le",
      "in",
      "contains",
      "startswith",
      "endswith",
      "tolower",
      "toupper",
    ]);
    expect(filter("weight")).toEqual(["eq", "ne", "gt", "ge", "lt", "le", "in"]);
    expect(filter("at_local")).toEqual(["eq", "ne", "gt", "ge", "lt", "le", "in", "year", "month", "day"]);
    expect(filter("weight")).not.toContain("arithmetic");
  });

  it("leaves out what it cannot expose, and says why", async () => {
    const { leftOut } = await connector.inspect();
    const messages = leftOut.map((i) => i.message);
    expect(messages).toContain(
      "Table 'Odd Things': column 'data' has type 'jsonb', which Headgate cannot expose; it is left out.",
    );
    expect(messages).toContain("Table 'no_key' has no primary key; it is not exposed.");
    expect(leftOut.find((i) => i.name === "happy_things")).toMatchObject({ kind: "view", reason: "NoKey" });
    expect((await connector.describe()).map((d) => d.name)).toEqual(["Odd_Things"]);
  });

  it("exposes a view with a configured key", async () => {
    const views = createSqlConnector({
      knex: db.knex,
      dialect: "postgres",
      schema: db.schema!,
      tables: [{ table: "happy_things", entitySet: "HappyThings", key: ["id"], description: "Happy ones" }],
    });
    const [happy] = await views.describe();
    expect(happy).toMatchObject({ name: "HappyThings", description: "Happy ones" });
    expect(happy!.entityType.key).toEqual(["id"]);
    expect(await views.mappings()).toEqual([
      {
        entitySet: "HappyThings",
        schema: db.schema,
        table: "happy_things",
        columns: [
          { property: "id", column: "id" },
          { property: "label", column: "label" },
        ],
      },
    ]);
  });
});

const QUERIES = [
  "$orderby=id",
  "$filter=code eq 'AB'",
  "$filter=code ne 'AB'",
  "$filter=startswith(code,'A')&$orderby=code desc,id",
  "$filter=endswith(code,'B')",
  "$orderby=code,id",
  "$filter=weight gt 1",
  "$filter=weight ge -1",
  "$filter=not (weight gt 1)",
  "$filter=weight lt 1 or weight eq null",
  "$filter=weight ne 2.5",
  "$filter=weight eq INF",
  "$filter=weight gt -INF and weight lt INF",
  "$filter=weight in (2.5,NaN,null)",
  "$filter=weight gt ratio",
  "$filter=weight eq weight",
  "$orderby=weight desc,id",
  "$orderby=weight,id",
  "$filter=price ge 0",
  "$filter=price gt 10.1 or price lt -1",
  "$orderby=price desc",
  "$filter=ratio eq 1.1",
  "$filter=ratio gt 1.1",
  "$filter=ratio le 1.1000001",
  "$filter=small lt 0 and small ne -1",
  "$filter=at_local lt 2024-06-01T00:00:00Z",
  "$filter=at_local ge 2024-06-30T23:59:59.999Z",
  "$filter=year(at_local) eq 2024 and month(at_local) eq 2 and day(at_local) eq 29",
  "$orderby=at_local desc,id",
  "$filter=at_precise eq 2024-01-01T10:00:00.123Z",
  "$filter=at_precise ne 2024-01-01T10:00:00.123Z",
  "$filter=at_precise gt 2024-01-01T10:00:00.123Z",
  "$filter=at_precise le 2024-01-01T10:00:00.123Z",
  "$filter=at_precise in (2024-01-01T10:00:00.1234Z,2024-01-01T01:30:00+01:00)",
  "$filter=day(at_precise) eq 1 and year(at_precise) eq 2024",
  "$filter=at_precise lt at_local",
  "$orderby=at_precise,id",
  "$filter=opens lt 12:00:00",
  "$filter=opens ge 17:45:30.5",
  "$orderby=opens desc,id",
  "$filter=mood eq 'ok'",
  "$filter=mood gt 'ok'",
  "$filter=contains(mood,'a')",
  "$orderby=mood,id",
  `$filter=id eq ${IDS[2]}`,
  `$filter=id in (${IDS[0]},${IDS[5]})`,
  `$filter=id ne ${IDS[2]}&$count=true&$top=2`,
  "$filter=_2nd_place eq 'x'",
  "$filter=what_ eq '?' and say__hi_ ne null&$orderby=what_ desc,say__hi_",
  "$filter=contains(say__hi_,'\"')&$select=id,what_",
];

describe("semantics", () => {
  it.each(QUERIES)("%s", async (text) => {
    const options = parseQueryOptions(text.replace(/\+/g, "%2B"));
    for (const pageSize of [2, 100]) {
      const [a, b] = await Promise.all([
        readAllPages(sql, "Odd_Things", options, pageSize),
        readAllPages(memory, "Odd_Things", options, pageSize),
      ]);
      expect(a).toEqual(b);
    }
    expect(sql.explain({ entitySet: "Odd_Things", options }).residual).toEqual({});
  });

  it.each([
    "aggregate(weight with sum as W,weight with max as MaxW,weight with min as MinW,ratio with average as R,price with min as P,price with max as MaxP)",
    "filter(weight lt INF)/aggregate(weight with sum as W,weight with average as A)",
    "filter(price ne NaN and price ne null)/aggregate(price with sum as S,price with average as A)",
    "groupby((mood),aggregate($count as N,small with sum as S))",
    "aggregate(at_precise with countdistinct as D,at_precise with max as Last,code with countdistinct as Codes,id with min as FirstId)",
    "groupby((code))",
    "groupby((at_precise),aggregate($count as N))",
  ])("$apply=%s", async (apply) => {
    const options = parseQueryOptions(`$apply=${encodeURIComponent(apply)}`);
    const [a, b] = await Promise.all([
      sql.query({ entitySet: "Odd_Things", options }),
      memory.query({ entitySet: "Odd_Things", options }),
    ]);
    expect(sortRows(a.rows)).toEqual(sortRows(b.rows));
    expect(sql.explain({ entitySet: "Odd_Things", options }).pushed.aggregation).toBeDefined();
  });
});
