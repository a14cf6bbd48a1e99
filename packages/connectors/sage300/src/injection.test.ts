/**
 * Values never become SQL: vendors and AP invoices added to the Sage test database with names,
 * descriptions and vendor codes full of quotes, `%`, `_`, backslashes, GLOB wildcards, SQL
 * keywords, comment markers and Unicode are matched literally by eq, in, contains, startswith,
 * endswith, tolower and $search, on padded keys and on blank-as-null text alike, and the values
 * only ever travel as bindings, never in the statement text.
 */
import type { EntitySetDef, Row } from "@headgate/model";
import { compareStrings, parseQueryOptions } from "@headgate/odata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectedRows,
  NASTY,
  NASTY_CODES,
  openSageDifferential,
  type SageDifferential,
  type TestDialect,
} from "./testing/sage-fixture.ts";

const literal = (value: string) => `'${value.replace(/'/g, "''")}'`;
/** A $search phrase: the text in double quotes, with `\` and `"` escaped. */
const phrase = (value: string) => `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;

describe.each(["postgres", "sqlite"] satisfies TestDialect[])("on %s", (dialect) => {
  let d: SageDifferential;
  let vendors: Row[];
  let invoices: Row[];
  const statements: { sql: string; bindings: unknown[] }[] = [];
  beforeAll(async () => {
    d = await openSageDifferential(dialect);
    const definitions = await d.connector.describe();
    const definition = (name: string) => definitions.find((s) => s.name === name) as EntitySetDef;
    vendors = expectedRows(d.database.company, definition("Vendors"));
    invoices = expectedRows(d.database.company, definition("ApInvoices"));
    d.database.knex.on("query", (data: { sql: string; bindings?: unknown[] }) => {
      statements.push({ sql: data.sql, bindings: data.bindings ?? [] });
    });
  });
  afterAll(async () => {
    await d?.database.close();
  });

  /** `$filter=...` or `$search=...`, the value encoded whole (it may hold `&` and `=`). */
  async function keys(entitySet: string, query: string, key: (r: Row) => unknown): Promise<unknown[]> {
    const at = query.indexOf("=");
    const options = parseQueryOptions(
      `${query.slice(0, at)}=${encodeURIComponent(query.slice(at + 1))}&$top=5000`,
    );
    const plan = d.sql.explain({ entitySet, options });
    expect(plan.residual).toEqual({});
    return (await d.sql.query({ entitySet, options, maxPageSize: 5000 })).rows.map(key);
  }
  const vendorKeys = (query: string) => keys("Vendors", query, (r) => r.Vendor);
  const invoiceKeys = (query: string) => keys("ApInvoices", query, (r) => `${r.Vendor}/${r.Invoice}`);
  const expectVendors = (test: (r: Row) => boolean) => vendors.filter(test).map((r) => r.Vendor);
  const expectInvoices = (test: (r: Row) => boolean) =>
    invoices.filter(test).map((r) => `${r.Vendor}/${r.Invoice}`);
  const text = (r: Row, p: string) => (typeof r[p] === "string" ? (r[p] as string) : null);

  it.each(NASTY)("matches %j literally in names and descriptions", async (value) => {
    statements.length = 0;
    const v = literal(value);
    const name = (test: (s: string) => boolean) =>
      expectVendors((r) => {
        const s = text(r, "Name");
        return s !== null && test(s);
      });
    expect(await vendorKeys(`$filter=Name eq ${v}`)).toEqual(name((s) => s === value));
    expect(await vendorKeys(`$filter=Name in (${v},'no such vendor')`)).toEqual(name((s) => s === value));
    expect(await vendorKeys(`$filter=contains(Name,${v})`)).toEqual(name((s) => s.includes(value)));
    expect(await vendorKeys(`$filter=startswith(Name,${v})`)).toEqual(name((s) => s.startsWith(value)));
    expect(await vendorKeys(`$filter=endswith(Name,${v})`)).toEqual(name((s) => s.endsWith(value)));
    expect(await vendorKeys(`$filter=not contains(Name,${v})`)).toEqual(name((s) => !s.includes(value)));
    expect(await vendorKeys(`$filter=contains(tolower(Name),${literal(value.toLowerCase())})`)).toEqual(
      name((s) => s.toLowerCase().includes(value.toLowerCase())),
    );
    expect(await vendorKeys(`$filter=Contact_1_Name eq ${v} or City eq ${v}`)).toEqual(
      expectVendors((r) => r.Contact_1_Name === value || r.City === value),
    );
    const term = value.toLowerCase();
    expect(await vendorKeys(`$search=${phrase(value)}`)).toEqual(
      expectVendors((r) =>
        ["Vendor", "Name", "City", "Contact_1_Name"].some((p) => text(r, p)?.toLowerCase().includes(term)),
      ),
    );
    const description = (test: (s: string) => boolean) =>
      expectInvoices((r) => {
        const s = text(r, "Description");
        return s !== null && test(s);
      });
    expect(await invoiceKeys(`$filter=Description eq ${v}`)).toEqual(description((s) => s === value));
    expect(await invoiceKeys(`$filter=contains(Description,${v}) and Status eq 'Open'`)).toEqual(
      expectInvoices((r) => r.Status === "Open" && (text(r, "Description")?.includes(value) ?? false)),
    );
    expect(statements.length).toBeGreaterThan(0);
    // The value travelled as a binding, never as statement text.
    if (value.length > 1) for (const s of statements) expect(s.sql).not.toContain(value);
  });

  it.each(NASTY_CODES)("matches the padded vendor code %j exactly", async (code) => {
    statements.length = 0;
    const v = literal(code);
    const exact = expectVendors((r) => r.Vendor === code);
    expect(exact).toHaveLength(1);
    expect(await vendorKeys(`$filter=Vendor eq ${v}`)).toEqual(exact);
    expect(await vendorKeys(`$filter=Vendor eq ${literal(`${code} `)}`)).toEqual([]);
    expect(await vendorKeys(`$filter=Vendor in (${v},'NOBODY')`)).toEqual(exact);
    expect(await vendorKeys(`$filter=startswith(Vendor,${v})`)).toEqual(
      expectVendors((r) => String(r.Vendor).startsWith(code)),
    );
    expect(await vendorKeys(`$filter=endswith(Vendor,${v})`)).toEqual(
      expectVendors((r) => String(r.Vendor).endsWith(code)),
    );
    expect(await vendorKeys(`$filter=Vendor gt ${v}`)).toEqual(
      expectVendors((r) => compareStrings(String(r.Vendor), code) > 0),
    );
    expect(await invoiceKeys(`$filter=Vendor eq ${v}`)).toEqual(expectInvoices((r) => r.Vendor === code));
    const expanded = await d.sql.query({
      entitySet: "Vendors",
      options: parseQueryOptions(
        `$filter=${encodeURIComponent(`Vendor eq ${v}`)}&$expand=${encodeURIComponent("ApInvoices($select=Invoice)")}`,
      ),
    });
    expect(expanded.rows.map((r) => (r.ApInvoices as Row[]).map((i) => i.Invoice))).toEqual([
      invoices.filter((r) => r.Vendor === code).map((r) => r.Invoice),
    ]);
    if (code.length > 1) for (const s of statements) expect(s.sql).not.toContain(code);
  });

  it("still has every table and row afterwards", async () => {
    const count = async (entitySet: string) =>
      (await d.sql.query({ entitySet, options: parseQueryOptions("$count=true&$top=0") })).count;
    expect(await count("Vendors")).toBe(vendors.length);
    expect(await count("ApInvoices")).toBe(invoices.length);
  });
});
