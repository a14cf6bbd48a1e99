import type { ProcoreProjectTools } from "@headgate/demo-world";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProcoreTestServer, startProcoreTestServer } from "../procore-test-client.ts";

let server: ProcoreTestServer;
let company: number;
let busy: ProcoreProjectTools;
const ids = (items: readonly { id: number }[]) => items.map((item) => item.id);

beforeAll(async () => {
  server = await startProcoreTestServer({ now: () => Date.parse("2025-06-11T18:00:00Z") });
  company = server.data.company.id;
  busy = [...server.data.tools].sort((a, b) => b.rfis.length - a.rfis.length)[0]!;
});
afterAll(() => server.close());

describe("Procore's company-level lists", () => {
  it("lists the company, unscoped", async () => {
    expect(await server.list("/rest/v1.0/companies")).toEqual([server.data.company]);
  });

  it("lists active projects by default, all of them with filters[by_status]=All", async () => {
    const active = await server.list<{ id: number; active: boolean }>(
      `/rest/v1.0/projects?company_id=${company}&per_page=1000`,
    );
    expect(ids(active)).toEqual(ids(server.data.projects.filter((p) => p.active)));
    const all = await server.list(
      `/rest/v1.0/projects?company_id=${company}&filters[by_status]=All&per_page=1000`,
    );
    expect(all).toEqual(server.data.projects);
    const inactive = await server.list(
      `/rest/v1.1/projects?company_id=${company}&filters[by_status]=Inactive&per_page=1000`,
    );
    expect(inactive).toEqual(server.data.projects.filter((p) => !p.active));
    const byPath = await server.list(
      `/rest/v1.0/companies/${company}/projects?filters[by_status]=All&per_page=1000`,
    );
    expect(byPath).toEqual(server.data.projects);
  });

  it("needs the company_id the endpoint takes, and it must be this company", async () => {
    const missing = await server.get("/rest/v1.0/projects");
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ errors: "company_id is missing" });
    expect((await server.get("/rest/v1.0/projects?company_id=42")).status).toBe(403);
  });

  it("shows one project, and the compact view of the list", async () => {
    const project = server.data.projects[0]!;
    expect(
      await (await server.get(`/rest/v1.0/projects/${project.id}?company_id=${company}`)).json(),
    ).toEqual(project);
    const compact = await server.list(
      `/rest/v1.0/projects?company_id=${company}&serializer_view=compact&filters[id]=${project.id}&filters[by_status]=All`,
    );
    expect(compact).toEqual([{ id: project.id, name: project.name, display_name: project.display_name }]);
  });

  it("lists the company directory's vendors, and shows one", async () => {
    expect(await server.list(`/rest/v1.0/vendors?company_id=${company}&per_page=1000`)).toEqual(
      server.data.vendors,
    );
    expect(await server.list(`/rest/v1.0/companies/${company}/vendors?per_page=1000`)).toEqual(
      server.data.vendors,
    );
    const vendor = server.data.vendors[3]!;
    expect(await (await server.get(`/rest/v1.0/vendors/${vendor.id}?company_id=${company}`)).json()).toEqual(
      vendor,
    );
  });
});

describe("Procore's project-level lists", () => {
  it("lists the project directory's vendors under v1.0 and v1.1", async () => {
    const expected = server.data.vendors.filter((v) => busy.vendorIds.includes(v.id));
    expect(await server.list(`/rest/v1.0/projects/${busy.projectId}/vendors?per_page=1000`)).toEqual(
      expected,
    );
    expect(await server.list(`/rest/v1.1/projects/${busy.projectId}/vendors?per_page=1000`)).toEqual(
      expected,
    );
  });

  it("lists RFIs and shows one", async () => {
    expect(await server.list(`/rest/v1.0/projects/${busy.projectId}/rfis?per_page=1000`)).toEqual(busy.rfis);
    const rfi = busy.rfis[5]!;
    expect(await (await server.get(`/rest/v1.0/projects/${busy.projectId}/rfis/${rfi.id}`)).json()).toEqual(
      rfi,
    );
  });

  it("lists the values an RFI filter can take", async () => {
    const options = await server.list<{ key: number; value: string }>(
      `/rest/v1.0/projects/${busy.projectId}/rfis/filter_options/rfi_manager_id`,
    );
    expect(options).toEqual([{ key: busy.rfis[0]!.rfi_manager.id, value: busy.rfis[0]!.rfi_manager.name }]);
  });

  it("lists submittals under v1.0 and v1.1", async () => {
    expect(await server.list(`/rest/v1.1/projects/${busy.projectId}/submittals?per_page=1000`)).toEqual(
      busy.submittals,
    );
    expect(await server.list(`/rest/v1.0/projects/${busy.projectId}/submittals?per_page=1000`)).toEqual(
      busy.submittals,
    );
  });

  it("lists observation items by project_id", async () => {
    expect(
      await server.list(`/rest/v1.0/observations/items?project_id=${busy.projectId}&per_page=1000`),
    ).toEqual(busy.observations);
  });

  it("lists budget views and a view's detail rows", async () => {
    const views = await server.list<{ id: number }>(`/rest/v1.0/budget_views?project_id=${busy.projectId}`);
    expect(views).toEqual(server.data.budgetViews);
    const rows = await server.list(
      `/rest/v1.0/budget_views/${views[0]!.id}/detail_rows?project_id=${busy.projectId}&per_page=1000`,
    );
    expect(rows).toEqual(busy.budgetDetailRows);
    expect(
      (await server.get(`/rest/v1.0/budget_views/1/detail_rows?project_id=${busy.projectId}`)).status,
    ).toBe(404);
  });

  it("lists work order and purchase order contracts, hiding deleted ones", async () => {
    const live = <T extends { deleted_at: string | null }>(items: readonly T[]) =>
      items.filter((c) => c.deleted_at === null);
    expect(await server.list(`/rest/v1.0/work_order_contracts?project_id=${busy.projectId}`)).toEqual(
      live(busy.workOrderContracts),
    );
    expect(await server.list(`/rest/v1.0/purchase_order_contracts?project_id=${busy.projectId}`)).toEqual(
      live(busy.purchaseOrderContracts),
    );
  });

  it("lists change order packages, all or one contract's", async () => {
    expect(
      await server.list(`/rest/v1.0/change_order_packages?project_id=${busy.projectId}&per_page=1000`),
    ).toEqual(busy.changeOrderPackages);
    const contract = busy.changeOrderPackages[0]!.contract_id;
    const forContract = await server.list(
      `/rest/v1.0/change_order_packages?project_id=${busy.projectId}&contract_id=${contract}`,
    );
    expect(forContract).toEqual(busy.changeOrderPackages.filter((p) => p.contract_id === contract));
    expect(
      (await server.get(`/rest/v1.0/change_order_packages?project_id=${busy.projectId}&contract_id=1`))
        .status,
    ).toBe(404);
  });

  it("lists daily log headers for a date or a date range, and only today's without either", async () => {
    const log = busy.dailyLogHeaders[10]!;
    expect(
      await server.list(`/rest/v1.0/projects/${busy.projectId}/daily_log_headers?log_date=${log.log_date}`),
    ).toEqual([log]);
    const range = await server.list<{ log_date: string }>(
      `/rest/v1.0/projects/${busy.projectId}/daily_log_headers?start_date=2025-03-01&end_date=2025-03-31&per_page=100`,
    );
    expect(range).toEqual(busy.dailyLogHeaders.filter((h) => h.log_date.startsWith("2025-03")));
    const today = await server.list(`/rest/v1.0/projects/${busy.projectId}/daily_log_headers`);
    expect(today).toEqual(busy.dailyLogHeaders.filter((h) => h.log_date === "2025-06-11"));
    expect(
      (await server.get(`/rest/v1.0/projects/${busy.projectId}/daily_log_headers?start_date=2025-03-01`))
        .status,
    ).toBe(400);
  });

  it("answers 404 for a project that does not exist and 400 without a project_id", async () => {
    const unknown = await server.get("/rest/v1.0/projects/999/rfis");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ errors: "Item not found" });
    const missing = await server.get("/rest/v1.0/work_order_contracts");
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ errors: "project_id is missing" });
  });

  it("pages 100 items at a time when per_page is absent", async () => {
    const response = await server.get(`/rest/v1.0/projects/${busy.projectId}/rfis`);
    expect(response.headers.get("per-page")).toBe("100");
    expect(((await response.json()) as unknown[]).length).toBe(Math.min(100, busy.rfis.length));
  });
});
