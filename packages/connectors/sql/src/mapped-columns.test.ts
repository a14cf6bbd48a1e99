/**
 * Mapped columns and union sources answer exactly as the engine does over the values the
 * properties expose: padded text trimmed, blanks as null, money in doubles rounded to cents and
 * summed exactly, 0/1 flags as booleans, two tables as one set. Every query runs through the
 * engine over the SQL connector and over a memory connector holding the exposed values, on
 * Postgres and SQLite; rows, order, counts and pages must be identical, and explain must show
 * the query pushed down. Union scans are checked to be one statement per page.
 */
import { parseQueryOptions } from "@headgate/odata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqlConnector } from "./sql-connector.ts";
import { readAllPages, sortRows, type TestDialect } from "./testing/jobs-fixture.ts";
import {
  CODE_ROWS,
  CODE_WIDTH,
  ENTRY_ROWS,
  type LedgerDifferential,
  openLedgerDifferential,
  STRAY_AMOUNTS,
} from "./testing/ledger-fixture.ts";

interface Case {
  readonly query: string;
  readonly entitySet?: string;
}

const FILTERS: readonly string[] = [
  // padded keys: equality, in, functions and order on the trimmed value
  "Code eq 'A-100'",
  "Code eq 'A-100 '",
  "Code eq ' LEAD'",
  "Code eq 'LEAD'",
  "Code eq ''",
  "Code ne 'B-7'",
  "Code in ('A-101','x','nope','x ')",
  "not (Code in ('A-101','Zürich'))",
  "Code eq 'O''Neil'",
  "Code eq 'back\\sl'",
  "startswith(Code,'A-')",
  "endswith(Code,'1')",
  "endswith(Code,' ')",
  "contains(Code,'%_')",
  "contains(Code,'_')",
  "Code gt 'B'",
  "Code le 'A-101'",
  "tolower(Code) eq 'zürich'",
  // blanks as null
  "Extra eq null",
  "Extra ne null",
  "Extra eq 'E1'",
  "Extra eq ''",
  "Extra in ('E2',null)",
  "Note eq null",
  "Note eq 'Pump'",
  "Note eq 'Pump  '",
  "endswith(Note,'p')",
  "contains(Note,' ')",
  "not contains(Note,'p')",
  "Note gt 'P'",
  "Note eq 'tab\t'",
  "startswith(Note,'O''N')",
  "toupper(Note) eq 'PUMP'",
  "Kind eq 'Material'",
  "Kind in ('Other','Sub')",
  "Extra eq Note or Code eq Extra",
  // money rounded to cents, flags as booleans
  "Amount gt 100",
  "Amount eq 123.45 or Amount eq -12.34",
  `Amount eq ${ENTRY_ROWS.find((r) => r.Amount !== null && !Number.isInteger(Number(r.Amount) * 10))!.Amount}`,
  "Amount le -100.5 or Amount eq null",
  "not (Amount ge 0)",
  // at the rounding boundary: the stored double is a fraction of a cent off the value
  ...STRAY_AMOUNTS.flatMap((c) => [
    `Amount gt ${c}`,
    `Amount ge ${c}`,
    `Amount lt ${c}`,
    `Amount le ${c}`,
    `Amount eq ${c}`,
    `Amount ne ${c}`,
    `Amount gt ${(c - 0.001).toFixed(3)}`,
    `Amount lt ${(c + 0.004).toFixed(3)}`,
    `not (Amount le ${(c + 0.002).toFixed(3)})`,
  ]),
  "Amount gt 1e300 or Amount lt -1e14",
  // money declared as stored in cents: compared as stored
  "Paid gt 0.3",
  "Paid eq 0.6 or Paid eq 2.1",
  "Paid le -0.6 or Paid eq null",
  "Paid in (0.1,0.2,null)",
  "Closed eq true",
  "Closed eq false",
  "Closed ne true",
  "Closed eq null",
  // the union source
  "Year eq '2024'",
  "Year ne '2024' and Amount gt 0",
  "Year in ('2025')",
  "Posted ge 2024-06-01 and Year eq '2024'",
  "year(Posted) eq 2025 and Code eq 'x'",
];

const CASES: readonly Case[] = [
  ...FILTERS.map((f) => ({ query: `$filter=${f}` })),
  { query: "$orderby=Code,Id desc" },
  { query: "$orderby=Extra desc,Note" },
  { query: "$orderby=Amount desc,Year" },
  { query: "$orderby=Year desc,Closed" },
  { query: "$orderby=Note&$filter=Note ne null&$select=Id,Year,Note" },
  { query: "$top=7&$skip=5&$orderby=Kind,Amount&$count=true" },
  { query: "$filter=Code eq 'A-100'&$top=3&$count=true" },
  { query: "$skip=115&$count=true" },
  { query: "$search=pump" },
  { query: "$search=lead OR zürich" },
  { query: '$search="o\'neil" AND NOT 2024' },
  {
    query:
      "$apply=groupby((Code),aggregate(Amount with sum as Total,$count as N,Amount with average as Avg))",
  },
  { query: "$apply=groupby((Year,Extra),aggregate(Amount with sum as Total))" },
  {
    query:
      "$apply=groupby((Kind),aggregate(Paid with sum as Total,Paid with average as Avg,Paid with max as Top))",
  },
  { query: "$orderby=Paid desc,Amount&$top=20" },
  { query: "$apply=groupby((Closed),aggregate(Amount with min as Low,Amount with max as High))" },
  {
    query:
      "$apply=aggregate(Amount with sum as Total,Note with min as FirstNote,Note with max as LastNote,Code with countdistinct as Codes,Extra with countdistinct as Extras)",
  },
  { query: "$apply=filter(Kind eq 'Labor')/groupby((Kind,Year),aggregate(Amount with sum as Total))" },
  { query: "$apply=groupby((Note))" },
  { entitySet: "Codes", query: "$filter=Code eq ' LEAD'" },
  { entitySet: "Codes", query: "$orderby=Title desc" },
  { entitySet: "Codes", query: "$expand=Entries($filter=Year eq '2025';$orderby=Amount;$select=Id,Amount)" },
  { query: "$filter=Id le 3&$expand=CodeDetails" },
];

const CORPUS = CASES.map((c) => ({ entitySet: "Entries", ...c }));

function encode(query: string): string {
  return query
    .split("&")
    .map((part) => {
      const at = part.indexOf("=");
      return `${part.slice(0, at)}=${encodeURIComponent(part.slice(at + 1))}`;
    })
    .join("&");
}

describe.each(["postgres", "sqlite"] satisfies TestDialect[])(
  "mapped columns and unions on %s",
  (dialect) => {
    let d: LedgerDifferential;
    const statements: { sql: string; bindings: unknown[] }[] = [];
    beforeAll(async () => {
      d = await openLedgerDifferential(dialect);
      d.database.knex.on("query", (data: { sql: string; bindings?: unknown[] }) => {
        statements.push({ sql: data.sql, bindings: data.bindings ?? [] });
      });
    });
    afterAll(async () => {
      await d?.database.close();
    });

    it("reads the exposed values: trimmed, blanks as null, cents, booleans, both tables", async () => {
      const entries = await readAllPages(d.sql, "Entries", parseQueryOptions(""), 1000);
      expect(entries.pages).toEqual([ENTRY_ROWS]);
      const codes = await readAllPages(d.sql, "Codes", parseQueryOptions(""), 1000);
      expect(codes.pages).toEqual([CODE_ROWS]);
    });

    it("describes the mapped properties with their types, nullability and vocabulary", async () => {
      const entries = (await d.connector.describe()).find((s) => s.name === "Entries")!;
      const props = Object.fromEntries(entries.entityType.properties.map((p) => [p.name, p]));
      expect(entries.entityType.key).toEqual(["Id", "Year"]);
      expect(props.Amount).toMatchObject({ type: "Edm.Decimal", scale: 2, description: "US dollars." });
      expect(props.Closed).toMatchObject({ type: "Edm.Boolean", nullable: true });
      expect(props.Extra).toMatchObject({ type: "Edm.String", nullable: true });
      expect(props.Code).toMatchObject({ type: "Edm.String", nullable: false });
      expect(props.Year).toMatchObject({ allowedValues: ["2024", "2025"], nullable: false });
      expect(props.Kind?.allowedValues).toEqual(["Labor", "Material", "Sub", "Other"]);
      expect((await d.connector.inspect()).leftOut).toEqual([]);
      expect((await d.connector.mappings()).find((m) => m.entitySet === "Entries")).toMatchObject({
        table: "entries_2024",
        tables: ["entries_2024", "entries_2025"],
      });
    });

    it.each(CORPUS)("$entitySet $query", async ({ query, entitySet }) => {
      const options = parseQueryOptions(encode(query));
      if (options.apply) {
        const [a, b] = await Promise.all([
          d.sql.query({ entitySet, options }),
          d.memory.query({ entitySet, options }),
        ]);
        expect(sortRows(a.rows)).toEqual(sortRows(b.rows));
      } else {
        for (const pageSize of [5, 1000]) {
          const [a, b] = await Promise.all([
            readAllPages(d.sql, entitySet, options, pageSize),
            readAllPages(d.memory, entitySet, options, pageSize),
          ]);
          expect(a).toEqual(b);
        }
      }
      const plan = d.sql.explain({ entitySet, options });
      expect(plan.residual).toEqual({});
      if (options.filter) expect(plan.pushed.filter).toBeDefined();
      if (options.search) expect(plan.pushed.search).toBeDefined();
      if (options.apply) expect(plan.pushed.aggregation ?? plan.pushed.filter).toBeDefined();
    });

    it("has amounts stored with sub-cent digits, to test rounding boundaries", () => {
      expect(STRAY_AMOUNTS).toHaveLength(3);
    });

    it("sums money to the exact cent, where adding the doubles drifts", async () => {
      const options = parseQueryOptions("$apply=aggregate(Amount with sum as Total)");
      const result = await d.sql.query({ entitySet: "Entries", options });
      const cents = ENTRY_ROWS.reduce(
        (sum, r) => sum + (r.Amount === null ? 0 : Math.round(Number(r.Amount) * 100)),
        0,
      );
      expect(result.rows).toEqual([{ Total: cents / 100 }]);
      const naive = ENTRY_ROWS.reduce((sum, r) => sum + (r.Amount === null ? 0 : Number(r.Amount)), 0);
      expect(naive).not.toBe(cents / 100);
      // The same for money declared as stored in cents.
      const paid = await d.sql.query({
        entitySet: "Entries",
        options: parseQueryOptions("$apply=aggregate(Paid with sum as Total)"),
      });
      const paidCents = ENTRY_ROWS.reduce(
        (sum, r) => sum + (r.Paid === null ? 0 : Math.round(Number(r.Paid) * 100)),
        0,
      );
      expect(paid.rows).toEqual([{ Total: paidCents / 100 }]);
    });

    it("answers a filtered, ordered, counted page of the union with one SELECT and one COUNT", async () => {
      statements.length = 0;
      const options = parseQueryOptions(
        encode("$filter=Amount gt 0 and Code eq 'A-100'&$orderby=Amount desc&$top=4&$count=true"),
      );
      const result = await d.sql.query({ entitySet: "Entries", options });
      expect(result.rows).toHaveLength(4);
      expect(statements).toHaveLength(2);
      for (const s of statements) expect(s.sql.match(/UNION ALL/g)).toHaveLength(1);
      // The padded key is compared as stored (index-friendly), with the value padded as a binding.
      expect(statements[0]!.bindings).toContain("A-100".padEnd(CODE_WIDTH, " "));
    });

    it("compares a padded key with the padded constant, so an index on the column serves it", async () => {
      statements.length = 0;
      await d.sql.query({ entitySet: "Codes", options: parseQueryOptions("$filter=Code in ('x','B-7')") });
      const select = statements.at(-1)!;
      expect(select.bindings).toEqual(
        expect.arrayContaining(["x".padEnd(CODE_WIDTH, " "), "B-7".padEnd(CODE_WIDTH, " ")]),
      );
      const text = select.sql.toLowerCase();
      const where = text.slice(text.indexOf(" where "), text.indexOf(" order by "));
      expect(where).not.toContain("rtrim");
    });
  },
);

describe("mapping configuration the connector cannot honour", () => {
  let d: LedgerDifferential;
  beforeAll(async () => {
    d = await openLedgerDifferential("sqlite");
  });
  afterAll(async () => {
    await d?.database.close();
  });

  async function describeWith(tables: Parameters<typeof createSqlConnector>[0]["tables"]) {
    const connector = createSqlConnector({ knex: d.database.knex, dialect: "sqlite", tables });
    const { leftOut, warnings } = await connector.inspect();
    return {
      sets: await connector.describe(),
      leftOut: leftOut.map((i) => `${i.reason}: ${i.message} ${i.fix.message}`),
      ignored: warnings.filter((w) => w.code === "SettingIgnored").map((w) => w.message),
    };
  }

  it("leaves out a union whose member is missing or lacks a column, saying why", async () => {
    const missing = await describeWith([
      { table: "entries_2024", key: ["id"], union: { tables: ["entries_2019"] } },
    ]);
    expect(missing.sets).toEqual([]);
    expect(missing.leftOut).toEqual([
      expect.stringContaining(
        "UnionMemberNotFound: Table 'entries_2024' gathers union member 'entries_2019', which was not found",
      ),
    ]);
    const unlike = await describeWith([
      { table: "entries_2024", key: ["id"], columns: ["id", "title"], union: { tables: ["codes"] } },
    ]);
    expect(unlike.sets).toEqual([]);
    expect(unlike.leftOut).toEqual([
      expect.stringContaining("NotFound: Table 'entries_2024': column 'title' is listed in 'columns'"),
      expect.stringContaining(
        "UnionColumnsDiffer: Table 'entries_2024' gathers union member 'codes', which has no column 'id'",
      ),
    ]);
  });

  it("asks for a key when a union's rows are not identified by one table's primary key", async () => {
    const result = await describeWith([{ table: "entries_2024", union: { tables: ["entries_2025"] } }]);
    expect(result.sets).toEqual([]);
    expect(result.leftOut).toEqual([expect.stringMatching(/^UnionNeedsKey: .* Set its 'key'/)]);
  });

  it("refuses unsafe source labels, blank-as-null keys, and money without a scale", async () => {
    const label = await describeWith([
      {
        table: "entries_2024",
        union: { tables: ["entries_2025"], source: { property: "Year", values: { entries_2024: "x'; --" } } },
      },
    ]);
    expect(label.sets).toEqual([]);
    expect(label.leftOut[0]).toContain("may only hold letters");
    const nullKey = await describeWith([
      { table: "codes", properties: [{ name: "Code", column: "code", convention: "emptyAsNull" }] },
    ]);
    expect(nullKey.sets).toEqual([]);
    expect(nullKey.leftOut[0]).toMatch(/^KeyNotIdentifying: .*reads as null for blank values/);
    const money = await describeWith([
      {
        table: "entries_2024",
        properties: [
          { name: "Id", column: "id" },
          { name: "Amount", column: "amount", type: "Edm.Decimal" },
          { name: "Posted", column: "posted", convention: "trimPadded" },
          { name: "Kind", column: "kind", type: "Edm.Boolean" },
          { name: "Nope", column: "nope" },
        ],
      },
    ]);
    expect(money.sets[0]?.entityType.properties.map((p) => [p.name, p.type])).toEqual([
      ["Id", "Edm.Int32"],
      ["Posted", "Edm.Date"],
      ["Kind", "Edm.String"],
    ]);
    expect(money.leftOut).toEqual([
      expect.stringContaining(
        "NotFound: Table 'entries_2024': column 'nope' (property 'Nope') was not found",
      ),
      expect.stringContaining(
        "NeedsScale: Table 'entries_2024': column 'amount' holds binary floating-point numbers",
      ),
    ]);
    expect(money.ignored).toEqual([
      expect.stringContaining("is not text; the 'trimPadded' convention is ignored"),
      expect.stringContaining("cannot be exposed as Edm.Boolean"),
    ]);
  });
});
