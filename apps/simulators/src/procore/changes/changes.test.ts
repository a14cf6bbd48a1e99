import type { ProcoreProjectTools, ProcoreRfi } from "@headgate/demo-world";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ErrorBody,
  type ProcoreTestServer,
  readJson,
  startProcoreTestServer,
} from "../procore-test-client.ts";

let server: ProcoreTestServer;
let clock = Date.parse("2026-03-02T09:00:00Z");
let busy: ProcoreProjectTools;
let company: number;
const ids = (items: readonly { id: number }[]) => items.map((item) => item.id);
const tick = (seconds: number) => {
  clock += seconds * 1000;
  return new Date(clock).toISOString();
};

beforeAll(async () => {
  server = await startProcoreTestServer({ now: () => clock, perPageDefault: 1000 });
  busy = [...server.data.tools].sort((a, b) => b.rfis.length - a.rfis.length)[0]!;
  company = server.data.company.id;
});
afterAll(() => server.close());

const rfisPath = () => `/rest/v1.0/projects/${busy.projectId}/rfis`;
const change = (method: string, path: string, body?: unknown) =>
  server.control(method, `/_simulator/procore/projects${path}`, body);

describe("changing a record through the test endpoint", () => {
  it("updates it: the API shows the new fields at once, with updated_at from the simulator's clock", async () => {
    const rfi = busy.rfis[3]!;
    const stamp = tick(60);
    const response = await change("PATCH", `/${busy.projectId}/rfis/${rfi.id}`, {
      subject: "Revised footing",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...rfi, subject: "Revised footing", updated_at: stamp });
    const shown = await readJson<ProcoreRfi>(await server.get(`${rfisPath()}/${rfi.id}`));
    expect(shown).toMatchObject({ subject: "Revised footing", updated_at: stamp });
    const listed = await server.list<ProcoreRfi>(`${rfisPath()}?filters[id]=${rfi.id}`);
    expect(listed[0]?.subject).toBe("Revised footing");
  });

  it("deletes it softly: hidden from lists and shows, seen through filters[include_deleted]", async () => {
    const rfi = busy.rfis[4]!;
    const stamp = tick(60);
    const deleted = await readJson<ProcoreRfi>(await change("DELETE", `/${busy.projectId}/rfis/${rfi.id}`));
    expect(deleted).toMatchObject({ id: rfi.id, deleted_at: stamp, updated_at: stamp });
    expect(ids(await server.list(rfisPath()))).not.toContain(rfi.id);
    expect((await server.get(`${rfisPath()}/${rfi.id}`)).status).toBe(404);
    const withDeleted = await server.list(`${rfisPath()}?filters[include_deleted]=with`);
    expect(ids(withDeleted)).toEqual(ids(busy.rfis));
    const onlyDeleted = await server.list<ProcoreRfi>(`${rfisPath()}?filters[include_deleted]=only`);
    expect(onlyDeleted).toEqual([{ ...rfi, ...deleted }]);
    expect((await change("DELETE", `/${busy.projectId}/rfis/${rfi.id}`)).status).toBe(404);
  });

  it("creates one shaped like the project's others, with a new id, in every record kind", async () => {
    const stamp = tick(60);
    const kinds = {
      rfis: `/rest/v1.0/projects/${busy.projectId}/rfis`,
      submittals: `/rest/v1.1/projects/${busy.projectId}/submittals`,
      observations: `/rest/v1.0/observations/items?project_id=${busy.projectId}`,
      work_order_contracts: `/rest/v1.0/work_order_contracts?project_id=${busy.projectId}`,
      purchase_order_contracts: `/rest/v1.0/purchase_order_contracts?project_id=${busy.projectId}`,
      change_order_packages: `/rest/v1.0/change_order_packages?project_id=${busy.projectId}`,
    };
    const seen = new Set<number>();
    for (const [kind, list] of Object.entries(kinds)) {
      const before = await server.list<Record<string, unknown>>(list);
      const response = await change("POST", `/${busy.projectId}/${kind}`, {});
      expect(response.status, kind).toBe(201);
      const created = await readJson<Record<string, unknown> & { id: number }>(response);
      expect(Object.keys(created).sort(), kind).toEqual(Object.keys(before[0]!).sort());
      expect(created, kind).toMatchObject({ created_at: stamp, updated_at: stamp });
      if ("deleted_at" in created) expect(created.deleted_at, kind).toBeNull();
      expect(ids(before as { id: number }[]), kind).not.toContain(created.id);
      expect(seen.has(created.id), kind).toBe(false);
      seen.add(created.id);
      const after = await server.list<Record<string, unknown>>(list);
      expect(after.at(-1), kind).toEqual(created);
    }
  });

  it("gives a created commitment the project it was created in, and takes the fields given", async () => {
    const other = server.data.tools.find(
      (t) => t.projectId !== busy.projectId && t.workOrderContracts.length,
    )!;
    const created = await readJson<{ project: { id: number }; title: string }>(
      await change("POST", `/${other.projectId}/work_order_contracts`, { title: "Glazing" }),
    );
    expect(created.project.id).toBe(other.projectId);
    expect(created.title).toBe("Glazing");
  });

  it("refuses unknown fields, fields Procore sets, unknown kinds and records that do not exist", async () => {
    const rfi = busy.rfis[5]!;
    const unknown = await change("PATCH", `/${busy.projectId}/rfis/${rfi.id}`, { subjet: "x" });
    expect(unknown.status).toBe(400);
    expect((await readJson<ErrorBody>(unknown)).errors).toMatch(/Unknown field 'subjet'/);
    const setByProcore = await change("PATCH", `/${busy.projectId}/rfis/${rfi.id}`, { updated_at: "x" });
    expect((await readJson<ErrorBody>(setByProcore)).errors).toMatch(/'updated_at' is set by Procore/);
    const kind = await change("POST", `/${busy.projectId}/punch_items`, {});
    expect(kind.status).toBe(404);
    expect((await readJson<ErrorBody>(kind)).errors).toMatch(/Kinds: rfis, submittals, observations/);
    expect((await change("PATCH", `/${busy.projectId}/rfis/1`, {})).status).toBe(404);
    expect((await change("PATCH", `/999/rfis/${rfi.id}`, {})).status).toBe(404);
  });
});

describe("changing projects", () => {
  const projects = (query = "") =>
    server.list<{ id: number; name: string }>(
      `/rest/v1.0/projects?company_id=${company}&filters[by_status]=All${query}`,
    );

  it("creates a project with empty tools, updates it, and deletes it from every list and path", async () => {
    const created = await readJson<{ id: number; name: string }>(
      await change("POST", "", { name: "North Yard Annex", project_number: "26-001" }),
    );
    expect(ids(await projects())).toContain(created.id);
    expect(await server.list(`/rest/v1.0/projects/${created.id}/rfis`)).toEqual([]);
    const renamed = await readJson<{ name: string }>(
      await change("PATCH", `/${created.id}`, { name: "Annex" }),
    );
    expect(renamed.name).toBe("Annex");
    await change("DELETE", `/${created.id}`);
    expect(ids(await projects())).not.toContain(created.id);
    expect(ids(await projects("&filters[include_deleted]=only"))).toEqual([created.id]);
    expect((await server.get(`/rest/v1.0/projects/${created.id}?company_id=${company}`)).status).toBe(404);
    expect((await server.get(`/rest/v1.0/projects/${created.id}/rfis`)).status).toBe(404);
    expect((await change("POST", `/${created.id}/rfis`, {})).status).toBe(404);
  });
});

describe("the change filters every list takes", () => {
  it("find exactly what changed since a moment, deletions included when asked, for an incremental refresh", async () => {
    const since = tick(3600);
    const [a, b, c] = busy.observations;
    tick(1);
    const path = `/${busy.projectId}/observations`;
    await change("PATCH", `${path}/${a!.id}`, { name: "Loose rebar caps" });
    await change("DELETE", `${path}/${b!.id}`);
    const created = await readJson<{ id: number }>(await change("POST", path, {}));
    const range = encodeURIComponent(`${since}...${tick(1)}`);
    const list = `/rest/v1.0/observations/items?project_id=${busy.projectId}&filters[updated_at]=${range}`;
    expect(ids(await server.list(list))).toEqual([a!.id, created.id]);
    expect(ids(await server.list(`${list}&filters[include_deleted]=with`))).toEqual([
      a!.id,
      b!.id,
      created.id,
    ]);
    expect(ids(await server.list(`${list}&filters[include_deleted]=only`))).toEqual([b!.id]);
    expect(ids(await server.list(list.replace(range, `"${since}...${since}"`)))).not.toContain(c!.id);
  });

  it("are accepted by lists whose records carry no updated_at, which never change after the world's end", async () => {
    const view = server.data.budgetViews[0]!.id;
    const after = "filters[updated_at]=2026-01-01...2026-12-31";
    const around = "filters[updated_at]=2025-12-31...2026-01-01";
    const lists = [
      `/rest/v1.0/budget_views/${view}/detail_rows?project_id=${busy.projectId}`,
      `/rest/v1.0/projects/${busy.projectId}/daily_log_headers?start_date=2025-03-01&end_date=2025-03-31`,
      "/rest/v1.0/companies",
    ];
    for (const list of lists) {
      const all = await server.list(list);
      expect(all.length, list).toBeGreaterThan(0);
      expect(await server.list(`${list}${list.includes("?") ? "&" : "?"}${after}`), list).toEqual([]);
      expect(await server.list(`${list}${list.includes("?") ? "&" : "?"}${around}`), list).toEqual(all);
      expect(
        await server.list(`${list}${list.includes("?") ? "&" : "?"}filters[include_deleted]=only`),
      ).toEqual([]);
    }
    const vendors = `/rest/v1.0/vendors?company_id=${company}&filters[include_deleted]=with&${after}`;
    expect(await server.list(vendors)).toEqual([]);
  });

  it("leave the generated data itself untouched", async () => {
    const fresh = await startProcoreTestServer({ perPageDefault: 1000 });
    try {
      expect(await fresh.list(`/rest/v1.0/projects/${busy.projectId}/rfis`)).toEqual(busy.rfis);
      expect(busy.rfis[3]!.subject).not.toBe("Revised footing");
    } finally {
      await fresh.close();
    }
  });
});

describe("changes in process", () => {
  it("are the same operations the endpoint offers", async () => {
    const submittal = busy.submittals[0]!;
    const updated = server.definition.changes.update("submittals", busy.projectId, submittal.id, {
      title: "Curtain wall shop drawings",
    });
    expect(updated).toMatchObject({ id: submittal.id, title: "Curtain wall shop drawings" });
    const listed = await server.list<{ title: string }>(
      `/rest/v1.1/projects/${busy.projectId}/submittals?filters[id]=${submittal.id}`,
    );
    expect(listed[0]?.title).toBe("Curtain wall shop drawings");
  });
});
