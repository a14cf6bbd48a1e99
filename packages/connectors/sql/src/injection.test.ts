/**
 * Values never become SQL: text full of quotes, LIKE and GLOB wildcards, backslashes, comment
 * markers, SQL keywords and Unicode is matched literally by eq, in, contains, startswith,
 * endswith and $search, and never appears in the statement text (only among its bindings).
 */
import type { Row } from "@headgate/model";
import { parseQueryOptions } from "@headgate/odata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Differential,
  JOB_ROWS,
  openJobsDifferential,
  type TestDialect,
} from "./testing/jobs-fixture.ts";

const NASTY = [
  "O'Neil",
  "' OR 1=1 --",
  "' OR '1'='1",
  '\'; DROP TABLE "Jobs"; --',
  "DROP TABLE jobs;",
  "100%",
  "%",
  "_",
  "_done_",
  "\\",
  "back\\slash",
  "[glob]*?",
  "*",
  "?",
  "[",
  "!",
  "select * from",
  "Straße",
  "ΟΔΟΣ",
  "😀",
  "Tab\tand\nnewline",
  "\u0000",
];

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
/** A $search phrase: the text in double quotes, with `\` and `"` escaped. */
const phrase = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
const keys = (rows: readonly Row[]) => rows.map((r) => r.JobNumber);
const names = JOB_ROWS.map((r) => ({ key: r.JobNumber, name: r.Name as string | null }));
const expected = (test: (name: string) => boolean) =>
  names.filter((r) => r.name !== null && test(r.name)).map((r) => r.key);

describe.each(["postgres", "sqlite"] satisfies TestDialect[])("on %s", (dialect) => {
  let d: Differential;
  const statements: { sql: string; bindings: unknown[] }[] = [];
  beforeAll(async () => {
    d = await openJobsDifferential(dialect, { pageSize: 1000 });
    d.database.knex.on("query", (data: { sql: string; bindings?: unknown[] }) => {
      statements.push({ sql: data.sql, bindings: data.bindings ?? [] });
    });
  });
  afterAll(async () => {
    await d?.database.close();
  });

  async function jobs(filter: string): Promise<unknown[]> {
    const options = parseQueryOptions(`$filter=${encodeURIComponent(filter)}&$top=1000`);
    expect(d.sql.explain({ entitySet: "Jobs", options }).pushed.filter).toBeDefined();
    return keys((await d.sql.query({ entitySet: "Jobs", options, maxPageSize: 1000 })).rows);
  }

  it.each(NASTY.filter((v) => v !== "\u0000"))("matches %j literally", async (value) => {
    statements.length = 0;
    const v = literal(value);
    expect(await jobs(`Name eq ${v}`)).toEqual(expected((n) => n === value));
    expect(await jobs(`Name in (${v},'no such name')`)).toEqual(expected((n) => n === value));
    expect(await jobs(`contains(Name,${v})`)).toEqual(expected((n) => n.includes(value)));
    expect(await jobs(`startswith(Name,${v})`)).toEqual(expected((n) => n.startsWith(value)));
    expect(await jobs(`endswith(Name,${v})`)).toEqual(expected((n) => n.endsWith(value)));
    expect(await jobs(`not contains(Name,${v})`)).toEqual(expected((n) => !n.includes(value)));
    expect(await jobs(`contains(tolower(Name),${literal(value.toLowerCase())})`)).toEqual(
      expected((n) => n.toLowerCase().includes(value.toLowerCase())),
    );
    const searched = await d.sql.query({
      entitySet: "Jobs",
      options: parseQueryOptions(`$search=${encodeURIComponent(phrase(value))}&$top=1000`),
      maxPageSize: 1000,
    });
    const term = value.toLowerCase();
    expect(keys(searched.rows)).toEqual(
      JOB_ROWS.filter((r) =>
        [r.Name, r.Status].some((t) => typeof t === "string" && t.toLowerCase().includes(term)),
      ).map((r) => r.JobNumber),
    );
    // The value travelled as a binding, never as statement text.
    expect(statements.length).toBeGreaterThan(0);
    if (value.length > 1) for (const s of statements) expect(s.sql).not.toContain(value);
  });

  it("still has its table and every row afterwards", async () => {
    const all = await d.sql.query({ entitySet: "Jobs", options: parseQueryOptions("$count=true&$top=0") });
    expect(all.count).toBe(JOB_ROWS.length);
  });
});
