import type { ProcoreProjectTools, ProcoreRfi } from "@headgate/demo-world";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ErrorBody,
  type ProcoreTestServer,
  readJson,
  startProcoreTestServer,
} from "../procore-test-client.ts";

let server: ProcoreTestServer;
let busy: ProcoreProjectTools;
let rfis: string;
const ids = (items: readonly { id: number }[]) => items.map((item) => item.id);
const between = (iso: string | null, from: string, to: string) => iso !== null && iso >= from && iso <= to;

beforeAll(async () => {
  server = await startProcoreTestServer({ perPageDefault: 1000 });
  busy = [...server.data.tools].sort((a, b) => b.rfis.length - a.rfis.length)[0]!;
  rfis = `/rest/v1.0/projects/${busy.projectId}/rfis`;
});
afterAll(() => server.close());

describe("filters[id]", () => {
  it("takes one id or an array of ids", async () => {
    const [a, b, c] = busy.rfis;
    expect(ids(await server.list(`${rfis}?filters[id]=${a!.id}`))).toEqual([a!.id]);
    expect(ids(await server.list(`${rfis}?filters[id][]=${a!.id}&filters[id][]=${c!.id}`))).toEqual([
      a!.id,
      c!.id,
    ]);
    const encoded = `${rfis}?${encodeURIComponent("filters[id][]")}=${b!.id}`;
    expect(ids(await server.list(encoded))).toEqual([b!.id]);
  });

  it("refuses an id that is not an integer", async () => {
    const response = await server.get(`${rfis}?filters[id]=abc`);
    expect(response.status).toBe(400);
    expect((await readJson<ErrorBody>(response)).errors).toMatch(/filters\[id\]/);
  });
});

describe("filters[status] and other value filters", () => {
  it("filters RFIs by status", async () => {
    for (const status of ["draft", "open", "closed"] as const) {
      expect(ids(await server.list(`${rfis}?filters[status]=${status}`))).toEqual(
        ids(busy.rfis.filter((r) => r.status === status)),
      );
    }
  });

  it("ANDs several filters together", async () => {
    const manager = busy.rfis[0]!.rfi_manager.id;
    const expected = busy.rfis.filter((r) => r.status === "closed" && r.rfi_manager.id === manager);
    expect(
      ids(await server.list(`${rfis}?filters[status]=closed&filters[rfi_manager_id]=${manager}`)),
    ).toEqual(ids(expected));
  });

  it("filters RFIs by ball in court and responsible contractor", async () => {
    const open = busy.rfis.find((r) => r.ball_in_court !== null)!;
    const inCourt = await server.list<ProcoreRfi>(
      `${rfis}?filters[ball_in_court_id]=${open.ball_in_court!.id}`,
    );
    expect(ids(inCourt)).toEqual(
      ids(busy.rfis.filter((r) => r.ball_in_courts.some((u) => u.id === open.ball_in_court!.id))),
    );
    const sub = busy.rfis.find((r) => r.responsible_contractor !== null)!.responsible_contractor!.id;
    const bySub = await server.list(`${rfis}?filters[responsible_contractor_id]=${sub}`);
    expect(ids(bySub)).toEqual(ids(busy.rfis.filter((r) => r.responsible_contractor?.id === sub)));
  });

  it("takes observation statuses by name or by Procore's numeric codes", async () => {
    const path = `/rest/v1.0/observations/items?project_id=${busy.projectId}`;
    const byName = await server.list(
      `${path}&filters[status][]=initiated&filters[status][]=ready_for_review`,
    );
    const byCode = await server.list(`${path}&filters[status][]=0&filters[status][]=1`);
    const expected = busy.observations.filter(
      (o) => o.status === "initiated" || o.status === "ready_for_review",
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(byName)).toEqual(ids(expected));
    expect(ids(byCode)).toEqual(ids(expected));
  });

  it("filters submittals by status id and commitments by status", async () => {
    const submittals = await server.list(
      `/rest/v1.1/projects/${busy.projectId}/submittals?filters[status_id]=2`,
    );
    expect(ids(submittals)).toEqual(ids(busy.submittals.filter((s) => s.status.id === 2)));
    const approved = await server.list(
      `/rest/v1.0/work_order_contracts?project_id=${busy.projectId}&filters[status]=Approved`,
    );
    expect(approved.length).toBeGreaterThan(0);
    expect(ids(approved)).toEqual(
      ids(busy.workOrderContracts.filter((c) => c.status === "Approved" && c.deleted_at === null)),
    );
  });

  it("shows deleted commitments only when asked to", async () => {
    const tools = server.data.tools.find((t) => t.workOrderContracts.some((c) => c.deleted_at !== null))!;
    const all = tools.workOrderContracts;
    const path = `/rest/v1.0/work_order_contracts?project_id=${tools.projectId}`;
    expect(ids(await server.list(path))).toEqual(ids(all.filter((c) => c.deleted_at === null)));
    expect(ids(await server.list(`${path}&filters[include_deleted]=with`))).toEqual(ids(all));
    const deleted = await server.list(`${path}&filters[include_deleted]=only`);
    expect(deleted.length).toBeGreaterThan(0);
    expect(ids(deleted)).toEqual(ids(all.filter((c) => c.deleted_at !== null)));
    expect((await server.get(`${path}&filters[include_deleted]=yes`)).status).toBe(400);
  });

  it("filters budget detail rows by cost code ids", async () => {
    const code = busy.budgetDetailRows[0]!.cost_code_id;
    const view = server.data.budgetViews[0]!.id;
    const rows = await server.list(
      `/rest/v1.0/budget_views/${view}/detail_rows?project_id=${busy.projectId}&cost_code_id[]=${code}`,
    );
    expect(ids(rows)).toEqual(ids(busy.budgetDetailRows.filter((r) => r.cost_code_id === code)));
  });

  it("filters projects by name, number (v1.1) and a vendor in their directory", async () => {
    const company = server.data.company.id;
    const project = server.data.projects[2]!;
    const all = `company_id=${company}&filters[by_status]=All`;
    const byNumber = await server.list(
      `/rest/v1.1/projects?${all}&filters[project_number]=${project.project_number}`,
    );
    expect(ids(byNumber)).toEqual([project.id]);
    const word = project.name.split(" ")[0]!.toUpperCase();
    const byName = await server.list(`/rest/v1.0/projects?${all}&filters[name]=${encodeURIComponent(word)}`);
    expect(ids(byName)).toEqual(ids(server.data.projects.filter((p) => p.name.toUpperCase().includes(word))));
    const vendor = busy.vendorIds[0]!;
    const byVendor = await server.list(`/rest/v1.0/projects?${all}&filters[vendor_id]=${vendor}`);
    expect(ids(byVendor)).toEqual(
      server.data.tools.filter((t) => t.vendorIds.includes(vendor)).map((t) => t.projectId),
    );
  });
});

describe("filters[updated_at] and filters[created_at] ranges", () => {
  it("accept UTC date-times with and without quotes", async () => {
    const from = "2024-01-01T00:00:00Z";
    const to = "2024-12-31T23:59:59Z";
    const expected = ids(busy.rfis.filter((r) => between(r.updated_at, from, to)));
    expect(ids(await server.list(`${rfis}?filters[updated_at]=${from}...${to}`))).toEqual(expected);
    expect(ids(await server.list(`${rfis}?filters[updated_at]="${from}...${to}"`))).toEqual(expected);
    expect(
      ids(await server.list(`${rfis}?filters[updated_at]=${encodeURIComponent(`"${from}...${to}"`)}`)),
    ).toEqual(expected);
  });

  it("accept date-only bounds, inclusive of the whole end day", async () => {
    const day = busy.rfis[3]!.created_at.slice(0, 10);
    const list = await server.list<ProcoreRfi>(`${rfis}?filters[created_at]=${day}...${day}`);
    expect(ids(list)).toEqual(ids(busy.rfis.filter((r) => r.created_at.startsWith(day))));
    expect(list.length).toBeGreaterThan(0);
  });

  it("work on every list that has timestamps", async () => {
    const range = "2025-01-01...2025-06-30";
    const inRange = (iso: string) => between(iso, "2025-01-01", "2025-06-30T23:59:59Z");
    const vendors = await server.list(
      `/rest/v1.0/vendors?company_id=${server.data.company.id}&filters[updated_at]=${range}`,
    );
    expect(ids(vendors)).toEqual(ids(server.data.vendors.filter((v) => inRange(v.updated_at))));
    const packages = await server.list(
      `/rest/v1.0/change_order_packages?project_id=${busy.projectId}&filters[created_at]=${range}`,
    );
    expect(ids(packages)).toEqual(ids(busy.changeOrderPackages.filter((p) => inRange(p.created_at))));
  });

  it("refuse a malformed range with a 400", async () => {
    const response = await server.get(`${rfis}?filters[updated_at]=2024-01-01`);
    expect(response.status).toBe(400);
    expect((await readJson<ErrorBody>(response)).errors).toMatch(/Invalid date range/);
  });
});

describe("search", () => {
  it("finds RFIs by subject or number", async () => {
    const word = "crickets";
    const found = await server.list(`${rfis}?search=${word}`);
    expect(found.length).toBeGreaterThan(0);
    expect(ids(found)).toEqual(
      ids(busy.rfis.filter((r) => r.subject.toLowerCase().includes(word) || r.number.includes(word))),
    );
    expect(ids(await server.list(`${rfis}?search=${busy.rfis[41]!.number}`))).toContain(busy.rfis[41]!.id);
  });

  it("finds vendors by name with filters[search]", async () => {
    const vendor = server.data.vendors[5]!;
    const found = await server.list<{ name: string }>(
      `/rest/v1.0/vendors?company_id=${server.data.company.id}&filters[search]=${encodeURIComponent(vendor.name.toLowerCase())}`,
    );
    expect(found.map((v) => v.name)).toContain(vendor.name);
  });
});

describe("sort", () => {
  it("sorts RFIs with sort[attribute] and sort[direction]", async () => {
    const list = await server.list<ProcoreRfi>(`${rfis}?sort[attribute]=updated_at&sort[direction]=desc`);
    const updated = list.map((r) => r.updated_at);
    expect(updated).toEqual([...updated].sort().reverse());
    const byNumber = await server.list<ProcoreRfi>(`${rfis}?sort[attribute]=number&sort[direction]=desc`);
    expect(byNumber[0]!.number).toBe(String(busy.rfis.length));
  });

  it("sorts vendors with sort=name and sort=-name", async () => {
    const path = `/rest/v1.0/vendors?company_id=${server.data.company.id}`;
    const names = (await server.list<{ name: string }>(`${path}&sort=name`)).map((v) => v.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })));
    const reversed = (await server.list<{ name: string }>(`${path}&sort=-name`)).map((v) => v.name);
    expect(reversed).toEqual([...names].reverse());
  });

  it("refuses an attribute the endpoint cannot sort by", async () => {
    const response = await server.get(`${rfis}?sort[attribute]=colour`);
    expect(response.status).toBe(400);
    expect((await readJson<ErrorBody>(response)).errors).toMatch(/Invalid sort attribute 'colour'/);
  });
});
