import type { Row } from "@headgate/model";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

/**
 * The response-size budget, made tiny (5,000 characters) so the demo data overflows it: every
 * answer stays within it, says when it was cut, and continues without losing or repeating rows.
 */

const MAX_CHARS = 5_000;

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway({
    context: { actionBudget: { maxResponseChars: MAX_CHARS, deadlineMs: 40_000 } },
  });
});
afterAll(() => gateway.close());

const api = (path: string, parameters: Record<string, string | number | boolean> = {}) => {
  const query = new URLSearchParams(
    Object.entries(parameters).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return http(`${gateway.url}/api${path}${query ? `?${query}` : ""}`, { key: gateway.acme.queryKey });
};

describe("a page larger than the response budget", () => {
  it("is cut to fit, says so and how to narrow, and carries the cursor after the last row", async () => {
    const answer = await api("/entity-sets/Jobs/rows", { orderby: "Job", top: 20 });
    expect(answer.status).toBe(200);
    expect(answer.text.length).toBeLessThanOrEqual(MAX_CHARS);
    const { rows, truncated, nextCursor } = answer.body;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(20);
    expect(truncated.reason).toBe("size");
    expect(truncated.message).toContain(`Returned ${rows.length} of the 20 rows`);
    expect(truncated.message).toContain("select=");
    expect(nextCursor).toBeTypeOf("string");
  });

  it("continues to the end with every row exactly once, in order", async () => {
    const jobs: Row[] = [];
    let answer = await api("/entity-sets/Jobs/rows", { orderby: "Job", top: 20 });
    for (;;) {
      expect(answer.status).toBe(200);
      expect(answer.text.length).toBeLessThanOrEqual(MAX_CHARS);
      jobs.push(...answer.body.rows);
      if (!answer.body.nextCursor) break;
      answer = await api("/entity-sets/Jobs/rows", { cursor: answer.body.nextCursor });
    }
    const ids = jobs.map((j) => j.Job as string);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    expect(ids).toEqual([...ids].sort());
  });

  it("fits more rows when the query selects fewer properties", async () => {
    const answer = await api("/entity-sets/Jobs/rows", { select: "Job,Status", top: 40 });
    expect(answer.body.rows).toHaveLength(40);
    expect(answer.body.truncated).toBeUndefined();
  });
});

describe("a single row larger than the response budget", () => {
  it("is passed over with its key named, and the cursor continues after it", async () => {
    const parameters = { orderby: "Job", expand: "Transactions", top: 3 };
    const first = await api("/entity-sets/Jobs/rows", parameters);
    expect(first.status).toBe(200);
    expect(first.text.length).toBeLessThanOrEqual(MAX_CHARS);
    expect(first.body.rows).toEqual([]);
    expect(first.body.truncated.message).toContain("(Job='22-101') alone is larger");
    const second = await api("/entity-sets/Jobs/rows", { cursor: first.body.nextCursor });
    expect(second.body.truncated.message).toContain("(Job='22-102')");
  });

  it("is returned by getEntity with its expanded rows cut, and how to page through them", async () => {
    const answer = await api("/entity-sets/Jobs/rows/23-104", { expand: "Transactions" });
    expect(answer.status).toBe(200);
    expect(answer.text.length).toBeLessThanOrEqual(MAX_CHARS);
    expect(answer.body.row.Job).toBe("23-104");
    expect(answer.body.row.Transactions.length).toBeGreaterThan(0);
    expect(answer.body.truncated.reason).toBe("size");
    expect(answer.body.truncated.message).toMatch(/Transactions has the first \d+ of \d+ rows/);
    expect(answer.body.truncated.message).toContain("query JobCostTransactions with filter=Job eq '23-104'");
  });
});

describe("other operations", () => {
  it("keep a wide entity set's description within the budget, naming every property", async () => {
    const answer = await api("/entity-sets/Jobs");
    expect(answer.status).toBe(200);
    expect(answer.text.length).toBeLessThanOrEqual(MAX_CHARS);
    const full = await gateway.engines.engine(gateway.acme.id);
    const names = full.bind("Jobs", {}).entitySet.entityType.properties.map((p) => p.name);
    for (const name of names) expect(answer.text).toContain(`${name}`);
    expect(answer.body.notes.at(-1)).toContain("were left out");
  });
});
