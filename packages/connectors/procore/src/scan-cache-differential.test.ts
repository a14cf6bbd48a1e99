/**
 * The scan cache changes no Procore answer: every query of the differential corpus, answered
 * cold and then warm through the scan cache (each project's whole list read once and reused for
 * every narrower question), equals the engine's in-memory answer over all the data; the warm
 * pass asks Procore nothing. An expired list is refreshed with Procore's change filter, and a
 * change or deletion made in Procore shows in the next answer.
 */
import { MemoryCache } from "@headgate/cache";
import { cacheScans, type Engine } from "@headgate/engine";
import { parseQueryOptions } from "@headgate/odata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRows, comparable, corpus } from "./testing/differential-corpus.ts";
import {
  engineOver,
  type ProcoreFixture,
  referenceEngine,
  startProcoreFixture,
} from "./testing/procore-fixture.ts";

const MINUTE = 60_000;
let fixture: ProcoreFixture;
let reference: Engine;

beforeAll(async () => {
  fixture = await startProcoreFixture();
  reference = await referenceEngine(fixture.connector());
}, 60_000);
afterAll(() => fixture.close());

const requests = () => fixture.definition.usage().requests;

describe("Procore through the scan cache", () => {
  it("answers the whole corpus as the in-memory evaluation of all rows does, cold and warm", async () => {
    const cached = await engineOver(
      cacheScans(fixture.connector(), {
        cache: new MemoryCache(),
        connection: "differential",
        policy: { ttlMs: 10 * MINUTE, staleWhileRevalidateMs: 0 },
      }),
    );
    const queries = corpus(fixture.data);
    for (const pass of ["cold", "warm"]) {
      const before = requests();
      for (const [entitySet, query] of queries) {
        const expected = await allRows(reference, entitySet, query);
        const actual = await allRows(cached, entitySet, query);
        expect(comparable(query, actual.rows), `${pass}: ${entitySet}?${query}`).toEqual(
          comparable(query, expected.rows),
        );
        expect(actual.count, `${pass}: ${entitySet}?${query} count`).toEqual(expected.count);
      }
      if (pass === "warm") expect(requests() - before, "requests Procore answered in the warm pass").toBe(0);
    }
  }, 120_000);

  it("refreshes an expired project list by its changes, and a change or deletion shows in the next answer", async () => {
    let now = Date.now();
    const cached = await engineOver(
      cacheScans(fixture.connector(), {
        cache: new MemoryCache(),
        connection: "changes",
        policy: { ttlMs: 5 * MINUTE, staleWhileRevalidateMs: 0 },
        now: () => now,
      }),
    );
    const tool = fixture.data.tools.find((t) => t.rfis.length >= 2)!;
    const [changed, deleted] = tool.rfis;
    const question = `$filter=project_id eq ${tool.projectId}&$orderby=id`;
    const before = await allRows(cached, "RFIs", question);
    expect(before.rows.map((r) => r.id)).toContain(deleted!.id);

    fixture.definition.changes.update("rfis", tool.projectId, changed!.id, { subject: "Refreshed subject" });
    fixture.definition.changes.delete("rfis", tool.projectId, deleted!.id);
    now += 6 * MINUTE;
    const sent = requests();
    const after = await allRows(cached, "RFIs", question);
    expect(requests() - sent, "one change-list request for the one project list").toBe(1);
    expect(after.rows.find((r) => r.id === changed!.id)?.subject).toBe("Refreshed subject");
    expect(after.rows.map((r) => r.id)).not.toContain(deleted!.id);
    expect(after).toEqual(await allRows(await referenceEngine(fixture.connector()), "RFIs", question));
  }, 60_000);

  it("explains a company-wide question's cost with the projects to name, and a project's without", async () => {
    const cached = await engineOver(
      cacheScans(fixture.connector(), {
        cache: new MemoryCache(),
        connection: "explain",
        policy: { ttlMs: 10 * MINUTE, staleWhileRevalidateMs: 0 },
      }),
    );
    const projects = fixture.data.tools.length;
    const wide = await cached.explainWithCost({
      entitySet: "RFIs",
      options: parseQueryOptions("$filter=status eq 'open'"),
    });
    expect(wide.upstream).toMatchObject({ estimatedRequests: projects, scans: projects, cachedScans: 0 });
    expect(wide.summary.at(-1)).toMatch(/name the projects to read fewer, e\.g\. project_id eq 123/);
    const [first] = fixture.data.tools;
    const one = await cached.explainWithCost({
      entitySet: "RFIs",
      options: parseQueryOptions(`$filter=project_id eq ${first!.projectId}`),
    });
    expect(one.upstream).toMatchObject({ estimatedRequests: 1, scans: 1 });
    expect(one.summary.at(-1)).not.toMatch(/name the projects/);
  });
});
