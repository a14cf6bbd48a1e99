import type { Row } from "@headgate/model";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

/**
 * The ChatGPT Action API as a model uses it, over real HTTP on the demo company's Sage data:
 * list the entity sets, describe one, query it, follow nextCursor, look a row up by key.
 */

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

const api = (path: string, parameters: Record<string, string | number | boolean> = {}, key?: string) => {
  const query = new URLSearchParams(
    Object.entries(parameters).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return http(`${gateway.url}/api${path}${query ? `?${query}` : ""}`, { key: key ?? gateway.acme.queryKey });
};

/** Every page of a query, following nextCursor alone, as a model would. */
async function followCursors(entitySet: string, parameters: Record<string, string | number | boolean>) {
  const rows: Row[] = [];
  let answer = await api(`/entity-sets/${entitySet}/rows`, parameters);
  for (let pages = 1; ; pages++) {
    expect(answer.status, answer.text).toBe(200);
    rows.push(...answer.body.rows);
    if (answer.body.nextCursor === undefined) return { rows, pages };
    answer = await api(`/entity-sets/${entitySet}/rows`, { cursor: answer.body.nextCursor });
  }
}

describe("listEntitySets", () => {
  it("lists the workspace's entity sets with a one-line description and their connection", async () => {
    const answer = await api("/entity-sets");
    expect(answer.status).toBe(200);
    const names = answer.body.entitySets.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(["Jobs", "ApInvoices", "Sample_Jobs", "Sample_Rfis"]));
    const jobs = answer.body.entitySets.find((s: { name: string }) => s.name === "Jobs");
    expect(jobs).toEqual({
      name: "Jobs",
      description: expect.stringMatching(/^Sage 300 CRE Job Cost jobs .*\.$/),
      connection: "sage",
    });
    expect(answer.body.entitySets.find((s: { name: string }) => s.name === "Sample_Jobs").connection).toBe(
      "sample",
    );
    for (const set of answer.body.entitySets) expect(set.description).not.toContain("\n");
    expect(answer.body.unavailable).toBeUndefined();
  });
});

describe("describeEntitySet", () => {
  it("describes properties, cheap filters, key, navigation and example queries", async () => {
    const answer = await api("/entity-sets/Jobs");
    expect(answer.status).toBe(200);
    const body = answer.body;
    expect(body).toMatchObject({ name: "Jobs", connection: "sage", key: ["Job"] });
    const status = body.properties.find((p: { name: string }) => p.name === "Status");
    expect(status).toMatchObject({
      type: "Edm.String",
      nullable: false,
      allowedValues: expect.arrayContaining(["In Progress", "Closed"]),
      cheapFilters: expect.arrayContaining(["eq", "in", "contains"]),
      cheapSort: true,
    });
    expect(status.description).toContain("In Progress");
    expect(body.navigation).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "Commitments", target: "Commitments", collection: true }),
      ]),
    );
    expect(body.literals["Edm.Date"]).toContain("2024-01-31");
    expect(body.examples.length).toBeGreaterThanOrEqual(2);
    expect(body.examples.length).toBeLessThanOrEqual(3);
  });

  it("gives example queries that run, on every Sage entity set", async () => {
    const sets = (await api("/entity-sets")).body.entitySets.map((s: { name: string }) => s.name);
    for (const set of sets) {
      const { examples } = (await api(`/entity-sets/${set}`)).body;
      for (const example of examples) {
        const answer = await api(`/entity-sets/${set}/rows`, example.parameters);
        expect(answer.status, `${set}: ${JSON.stringify(example)} -> ${answer.text}`).toBe(200);
      }
    }
  });

  it("resolves a name in any case, and answers an unknown set with 404 and the valid names", async () => {
    expect((await api("/entity-sets/jobs")).body.name).toBe("Jobs");
    const answer = await api("/entity-sets/Jobz");
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("UnknownEntitySet");
    expect(answer.body.error.message).toContain("did you mean 'Jobs'");
  });
});

describe("queryEntitySet", () => {
  it("filters, selects, sorts and counts with plain parameters", async () => {
    const answer = await api("/entity-sets/Jobs/rows", {
      filter: "Status eq 'In Progress' and Revised_Contract_Amount gt 100000",
      select: "Job,Description,Revised_Contract_Amount",
      orderby: "Revised_Contract_Amount desc",
      top: 3,
      count: true,
    });
    expect(answer.status).toBe(200);
    const { entitySet, rows, count, truncated } = answer.body;
    expect(entitySet).toBe("Jobs");
    expect(truncated).toBeUndefined();
    expect(rows).toHaveLength(Math.min(3, count));
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(["Description", "Job", "Revised_Contract_Amount"]);
      expect(row.Revised_Contract_Amount).toBeGreaterThan(100000);
    }
    const amounts = rows.map((r: { Revised_Contract_Amount: number }) => r.Revised_Contract_Amount);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(answer.body.nextCursor !== undefined).toBe(count > 3);
  });

  it("pages 50 rows by default and answers the count alone for top=0", async () => {
    const page = await api("/entity-sets/CostCodes/rows", { select: "Job,Cost_Code" });
    expect(page.body.rows).toHaveLength(50);
    expect(page.body.nextCursor).toBeTypeOf("string");
    const counted = await api("/entity-sets/CostCodes/rows", { top: 0, count: true });
    expect(counted.body).toEqual({ entitySet: "CostCodes", asOf: expect.any(String), count: 406, rows: [] });
  });

  it("aggregates with apply and sorts by the alias", async () => {
    const answer = await api("/entity-sets/Jobs/rows", {
      apply: "groupby((Status),aggregate(Revised_Contract_Amount with sum as Total,$count as Rows))",
      orderby: "Total desc",
    });
    expect(answer.status).toBe(200);
    const rows = answer.body.rows as { Status: string; Total: number; Rows: number }[];
    expect(rows.reduce((sum, r) => sum + r.Rows, 0)).toBe(40);
    expect(rows.map((r) => r.Total)).toEqual(rows.map((r) => r.Total).sort((a, b) => b - a));
  });

  it("expands related rows", async () => {
    const answer = await api("/entity-sets/Jobs/rows", {
      select: "Job",
      expand: "Commitments($select=Commitment,Job;$top=2)",
      top: 2,
    });
    expect(answer.status).toBe(200);
    for (const row of answer.body.rows) {
      expect(row.Commitments.length).toBeLessThanOrEqual(2);
      for (const commitment of row.Commitments) expect(commitment.Job).toBe(row.Job);
    }
  });

  it("follows nextCursor alone to the end with no row lost or repeated", async () => {
    const parameters = {
      filter: "Cost_Code ge '02'",
      select: "Job,Extra,Cost_Code",
      orderby: "Job,Extra,Cost_Code",
      top: 45,
    };
    const paged = await followCursors("CostCodes", parameters);
    const whole = await api("/entity-sets/CostCodes/rows", { ...parameters, top: 0, count: true });
    expect(whole.body.count).toBeGreaterThan(200);
    expect(paged.rows).toHaveLength(whole.body.count);
    expect(paged.pages).toBe(Math.ceil(whole.body.count / 45));
    const keys = paged.rows.map((r) => `${r.Job}/${r.Extra}/${r.Cost_Code}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([...keys].sort());
  });

  it("says when the source could not narrow the read", async () => {
    const scanned = await api("/entity-sets/Sample_Jobs/rows", { filter: "CostToDate gt 5", top: 1 });
    expect(scanned.body.notice).toContain("read every row of Sample_Jobs");
    const pushed = await api("/entity-sets/Sample_Jobs/rows", { filter: "Region eq 'North'", top: 1 });
    expect(pushed.body.notice).toBeUndefined();
  });

  it("answers a bad filter with 400 and where the error is", async () => {
    const answer = await api("/entity-sets/Jobs/rows", { filter: "Status eq 'Open" });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "SyntaxError", target: "$filter" });
    expect(answer.body.error.message).toMatch(/at \d+/);
  });

  it("answers a misspelt property with 400 and a did-you-mean", async () => {
    const answer = await api("/entity-sets/Jobs/rows", { filter: "Stauts eq 'Closed'" });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toContain("Status");
  });

  it("refuses OData-style parameter names and non-integer tops instead of ignoring them", async () => {
    const dollar = await api("/entity-sets/Jobs/rows", { $filter: "Status eq 'Closed'" });
    expect(dollar.status).toBe(400);
    expect(dollar.body.error.message).toContain("use 'filter'");
    const top = await api("/entity-sets/Jobs/rows", { top: "many" });
    expect(top.status).toBe(400);
    expect(top.body.error).toMatchObject({ code: "SyntaxError", target: "top" });
  });

  it("answers an unknown entity set with 404", async () => {
    const answer = await api("/entity-sets/Nothing/rows");
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe("UnknownEntitySet");
  });

  it("refuses a cursor given for another entity set", async () => {
    const first = await api("/entity-sets/Jobs/rows", { top: 5 });
    const answer = await api("/entity-sets/Vendors/rows", { cursor: first.body.nextCursor });
    expect(answer.status).toBe(400);
    expect(answer.body.error.target).toBe("cursor");
  });

  it("audits answered and refused queries as the action door", async () => {
    await api("/entity-sets/GlAccounts/rows", { filter: "Account_Type eq 'Asset'", top: 2 });
    await api("/entity-sets/GlAccounts/rows", { filter: "Account_Type eq" });
    await vi.waitFor(async () => {
      const entries = await gateway.store.audit.list({ workspaceId: gateway.acme.id, limit: 20 });
      const mine = entries.filter((e) => e.entitySet === "GlAccounts");
      expect(mine.map((e) => e.outcome).sort()).toEqual(["error", "ok"]);
      const ok = mine.find((e) => e.outcome === "ok");
      expect(ok).toMatchObject({ door: "action", rows: 2 });
      expect(ok?.query).toContain("Account_Type");
      expect(ok?.pushed).toContain("filter");
      expect(mine.find((e) => e.outcome === "error")?.errorCode).toBe("SyntaxError");
    });
  });
});

describe("getEntity", () => {
  it("finds a row by its key, quoted or not", async () => {
    const bare = await api("/entity-sets/Jobs/rows/23-104");
    expect(bare.status).toBe(200);
    expect(bare.body).toMatchObject({ entitySet: "Jobs", row: { Job: "23-104" } });
    const quoted = await api(`/entity-sets/Jobs/rows/${encodeURIComponent("'23-104'")}`);
    expect(quoted.body.row).toEqual(bare.body.row);
  });

  it("reads compound keys, select and expand", async () => {
    const codes = await api("/entity-sets/CostCodes/rows", { top: 1 });
    const { Job, Extra, Cost_Code } = codes.body.rows[0];
    const key = `Job='${Job}',Extra='${Extra}',Cost_Code='${Cost_Code}'`;
    const answer = await api(`/entity-sets/CostCodes/rows/${encodeURIComponent(key)}`, {
      select: "Job,Cost_Code,Description",
      expand: "JobDetails($select=Job,Status)",
    });
    expect(answer.status, answer.text).toBe(200);
    expect(answer.body.row).toMatchObject({ Job, Cost_Code, JobDetails: { Job } });
  });

  it("answers a missing row with 404 and a malformed key with 400", async () => {
    const missing = await api("/entity-sets/Jobs/rows/99-999");
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe("NotFound");
    const wrong = await api("/entity-sets/Sample_Rfis/rows/not-a-number");
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe("InvalidKey");
  });
});

describe("authentication and isolation", () => {
  it("needs a key on every operation and says how to send one", async () => {
    for (const path of [
      "/entity-sets",
      "/entity-sets/Jobs",
      "/entity-sets/Jobs/rows",
      "/entity-sets/Jobs/rows/23-104",
    ]) {
      const answer = await http(`${gateway.url}/api${path}`);
      expect(answer.status, path).toBe(401);
      expect(answer.body.error.message).toContain("Authorization: Bearer");
    }
  });

  it("refuses a key without the query scope with 403", async () => {
    const created = await gateway.store.apiKeys.create(gateway.acme.id, {
      name: "admin-only",
      scopes: ["admin"],
    });
    const answer = await api("/entity-sets", {}, created.plaintext);
    expect(answer.status).toBe(403);
    expect(answer.body.error.message).toContain("'query' scope");
  });

  it("shows a workspace only its own entity sets", async () => {
    const other = gateway.other.queryKey;
    const list = await api("/entity-sets", {}, other);
    expect(list.body.entitySets.map((s: { name: string }) => s.name).sort()).toEqual(["Jobs", "Rfis"]);
    const rows = await api("/entity-sets/ApInvoices/rows", {}, other);
    expect(rows.status).toBe(404);
    const jobs = await api("/entity-sets/Jobs", {}, other);
    expect(jobs.body.key).toEqual(["JobNumber"]);
    const sageProperty = await api("/entity-sets/Jobs/rows", { select: "Revised_Contract_Amount" }, other);
    expect(sageProperty.status).toBe(400);
  });
});
