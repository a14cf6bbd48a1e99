import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SharepointList, SharepointSite } from "../model.ts";
import { allPages, type GraphBody, type GraphHarness, graphError, startGraph } from "../test-support.ts";

const PREFER = { prefer: "HonorNonIndexedQueriesWarningMayFailRandomly" };

let graph: GraphHarness;
let north: SharepointSite;
let incidents: SharepointList;
let directory: SharepointList;
let incidentsPath: string;
let directoryPath: string;
beforeAll(async () => {
  graph = await startGraph();
  north = graph.data.sites.find((site) => site.name === "north-ops")!;
  directory = north.lists.find((list) => list.displayName === "Project Directory")!;
  incidents = north.lists.find((list) => list.displayName === "Safety Incidents")!;
  incidentsPath = `/sites/${north.id}/lists/${incidents.id}/items`;
  directoryPath = `/sites/${north.id}/lists/${directory.id}/items`;
});
afterAll(() => graph.close());

type Fields = Record<string, unknown>;
const fieldsOf = (body: GraphBody) => (body.value ?? []).map((item) => item.fields as Fields);
const idsOf = (body: GraphBody) => (body.value ?? []).map((item) => item.id);

/** Follows every page of a filtered query and returns the item ids. */
async function filtered(path: string, filter: string, headers?: Record<string, string>) {
  const pages = await allPages(graph, `${path}?$filter=${encodeURIComponent(filter)}`, headers);
  return pages.flatMap((page) => idsOf(page));
}

/** The ids of the items a filter should keep; a filter that keeps none or all proves nothing. */
function expectedIds(list: SharepointList, keep: (fields: Fields) => boolean): string[] {
  const ids = list.items.filter((item) => keep(item.fields)).map((item) => item.id);
  expect(ids.length).toBeGreaterThan(0);
  expect(ids.length).toBeLessThan(list.items.length);
  return ids;
}

describe("list items", () => {
  it("come without fields unless expanded", async () => {
    const body = await graph.json(`${directoryPath}`);
    expect(body["@odata.context"]).toBe(
      `${graph.sim.url}/v1.0/$metadata#sites('${north.id.replace(/,/g, "%2C")}')/lists('${directory.id}')/items`,
    );
    const [first] = body.value ?? [];
    expect(first).toMatchObject({
      id: "1",
      eTag: expect.stringMatching(/^"[0-9a-f-]{36},\d+"$/),
      webUrl: "https://cascaderidge.sharepoint.com/sites/north-ops/Lists/ProjectDirectory/1_.000",
      createdBy: { user: { displayName: directory.items[0]!.createdBy.displayName } },
      parentReference: { id: directory.id, siteId: north.id },
      contentType: { name: "Item", id: expect.stringMatching(/^0x0100[0-9A-F]{32}$/) },
    });
    expect(first?.fields).toBeUndefined();
  });

  it("carry every column and SharePoint's system fields with expand=fields", async () => {
    const body = await graph.json(`${directoryPath}?expand=fields`);
    expect(body["@odata.context"]).toMatch(/\/items\(fields\(\)\)$/);
    const source = directory.items[0]!;
    expect(fieldsOf(body)[0]).toMatchObject({
      "@odata.etag": `"${source.uniqueId},${source.version}"`,
      id: "1",
      ContentType: "Item",
      Title: source.fields.Title,
      JobNumber: source.fields.JobNumber,
      ContractValue: source.fields.ContractValue,
      Created: source.createdDateTime,
      Modified: source.lastModifiedDateTime,
      AuthorLookupId: String(source.createdBy.lookupId),
    });
  });

  it("select fields with expand=fields(select=...) or $expand=fields($select=...)", async () => {
    const plain = await graph.json(`${directoryPath}?expand=fields(select=Title,JobNumber)`);
    const dollar = await graph.json(`${directoryPath}?$expand=fields($select=Title,JobNumber)`);
    expect(fieldsOf(plain)).toEqual(fieldsOf(dollar));
    expect(Object.keys(fieldsOf(plain)[0]!).sort()).toEqual(["@odata.etag", "JobNumber", "Title"]);
  });

  it("select item properties with $select", async () => {
    const body = await graph.json(`${directoryPath}?$select=id,webUrl&expand=fields(select=Title)`);
    expect(Object.keys(body.value?.[0] ?? {}).sort()).toEqual([
      "@odata.etag",
      "fields",
      "fields@odata.context",
      "id",
      "webUrl",
    ]);
    const unknown = await graph.get(`${directoryPath}?$select=colour`);
    expect(unknown.status).toBe(400);
    expect((await graphError(unknown)).message).toBe(
      "Could not find a property named 'colour' on type 'microsoft.graph.listItem'.",
    );
  });

  it("leave empty columns out of fields", async () => {
    const blank = incidents.items.find((item) => item.fields.Description === null)!;
    const item = await graph.json(`${incidentsPath}/${blank.id}?expand=fields`);
    expect(item["@odata.context"]).toMatch(/\/items\/\$entity$/);
    expect(item.fields).not.toHaveProperty("Description");
    expect(item.fields).toHaveProperty("Closed", blank.fields.Closed);
  });

  it("answer a missing item with 404", async () => {
    expect((await graph.get(`${incidentsPath}/99999`)).status).toBe(404);
  });
});

describe("$filter on list items", () => {
  const job = () => String(incidents.items[0]!.fields.JobNumber);

  it("eq and ne on an indexed text column", async () => {
    expect(await filtered(incidentsPath, `fields/JobNumber eq '${job()}'`)).toEqual(
      expectedIds(incidents, (f) => f.JobNumber === job()),
    );
    expect(await filtered(incidentsPath, `fields/JobNumber ne '${job()}'`)).toEqual(
      expectedIds(incidents, (f) => f.JobNumber !== job()),
    );
  });

  it("lt, gt, le and ge on an indexed date column, with dates or date-times", async () => {
    const cut = "2024-06-01T00:00:00Z";
    const at = (f: Fields) => String(f.IncidentDate);
    expect(await filtered(incidentsPath, `fields/IncidentDate lt '${cut}'`)).toEqual(
      expectedIds(incidents, (f) => at(f) < cut),
    );
    expect(await filtered(incidentsPath, `fields/IncidentDate ge '2024-06-01'`)).toEqual(
      expectedIds(incidents, (f) => at(f) >= cut),
    );
    const exact = String(incidents.items[3]!.fields.IncidentDate);
    expect(await filtered(incidentsPath, `fields/IncidentDate le '${exact}'`)).toEqual(
      expectedIds(incidents, (f) => at(f) <= exact),
    );
    expect(await filtered(incidentsPath, `fields/IncidentDate gt '${exact}'`)).toEqual(
      expectedIds(incidents, (f) => at(f) > exact),
    );
  });

  it("startswith, and and/or with parentheses", async () => {
    expect(await filtered(directoryPath, "startswith(fields/JobNumber,'24-')")).toEqual(
      expectedIds(directory, (f) => String(f.JobNumber).startsWith("24-")),
    );
    const status = (f: Fields) => f.Status;
    expect(
      await filtered(
        directoryPath,
        "(fields/Status eq 'Closed' or fields/Status eq 'Hold') and startswith(fields/JobNumber,'23')",
      ),
    ).toEqual(
      expectedIds(
        directory,
        (f) => (status(f) === "Closed" || status(f) === "Hold") && String(f.JobNumber).startsWith("23"),
      ),
    );
  });

  it("filters the document library on its indexed DocumentType, and a list on Modified for incremental reads", async () => {
    const library = north.lists.find((list) => list.displayName === "Documents")!;
    expect(
      await filtered(`/sites/${north.id}/lists/Documents/items`, "fields/DocumentType eq 'Submittal'"),
    ).toEqual(expectedIds(library, (f) => f.DocumentType === "Submittal"));
    const since = incidents.items[Math.floor(incidents.items.length / 2)]!.lastModifiedDateTime;
    const changed = incidents.items
      .filter((item) => item.lastModifiedDateTime >= since)
      .map((item) => item.id);
    expect(changed.length).toBeGreaterThan(0);
    expect(await filtered(incidentsPath, `fields/Modified ge '${since}'`)).toEqual(changed);
  });

  it("refuses a non-indexed column with Graph's 400 invalidRequest", async () => {
    const response = await graph.get(`${incidentsPath}?$filter=fields/Severity eq 'High'`);
    expect(response.status).toBe(400);
    expect(await graphError(response)).toMatchObject({
      code: "invalidRequest",
      message:
        "Field 'Severity' cannot be referenced in filter or orderby as it is not indexed. Provide the 'HonorNonIndexedQueriesWarningMayFailRandomly' header to allow this, but be warned that such queries may fail on large lists.",
    });
  });

  it("allows non-indexed columns with the Prefer header: choice, currency, yes/no, empty values", async () => {
    expect(await filtered(incidentsPath, "fields/Severity eq 'high'", PREFER)).toEqual(
      expectedIds(incidents, (f) => f.Severity === "High"),
    );
    expect(await filtered(directoryPath, "fields/ContractValue gt 1000000", PREFER)).toEqual(
      expectedIds(directory, (f) => Number(f.ContractValue) > 1_000_000),
    );
    const open = expectedIds(incidents, (f) => f.Closed === false);
    expect(await filtered(incidentsPath, "fields/Closed eq 0", PREFER)).toEqual(open);
    expect(await filtered(incidentsPath, "fields/Closed eq false", PREFER)).toEqual(open);
    expect(await filtered(incidentsPath, "fields/ReportedBy eq null", PREFER)).toEqual(
      expectedIds(incidents, (f) => f.ReportedBy === null),
    );
  });

  it("must be re-sent with Prefer on every page: the next link does not carry it", async () => {
    const first = await graph.json(`${incidentsPath}?$top=2&$filter=fields/Closed eq 1`, PREFER);
    const next = first["@odata.nextLink"]!;
    expect(next).toContain("$filter=");
    expect((await graph.get(next)).status).toBe(400);
    expect((await graph.get(next, PREFER)).status).toBe(200);
  });

  it("refuses unsupported operators, functions and unknown columns", async () => {
    for (const filter of [
      "contains(fields/Title,'slip')",
      "not fields/Closed eq 1",
      "fields/Title has 'x'",
    ]) {
      const response = await graph.get(`${incidentsPath}?$filter=${encodeURIComponent(filter)}`, PREFER);
      expect(response.status).toBe(400);
      expect((await graphError(response)).code).toBe("invalidRequest");
    }
    const unknown = await graph.get(`${incidentsPath}?$filter=fields/Colour eq 'red'`, PREFER);
    expect((await graphError(unknown)).message).toBe(
      "Column 'Colour' does not exist. It may have been deleted by another user.",
    );
  });
});

describe("$orderby on list items", () => {
  it("sorts on an indexed column and refuses a non-indexed one without Prefer", async () => {
    const pages = await allPages(
      graph,
      `${incidentsPath}?$orderby=fields/IncidentDate desc&expand=fields(select=IncidentDate)`,
    );
    const dates = pages.flatMap((page) => fieldsOf(page).map((f) => String(f.IncidentDate)));
    expect(dates).toEqual([...dates].sort().reverse());
    expect((await graph.get(`${incidentsPath}?$orderby=fields/Severity`)).status).toBe(400);
    expect((await graph.get(`${incidentsPath}?$orderby=fields/Severity`, PREFER)).status).toBe(200);
  });
});

describe("paging list items", () => {
  it("pages through @odata.nextLink with $skiptoken to the end, with no next link on the last page", async () => {
    const pages = await allPages(graph, `${incidentsPath}?$top=7&expand=fields(select=JobNumber)`);
    expect(pages.length).toBe(Math.ceil(incidents.items.length / 7));
    expect(pages.flatMap(idsOf)).toEqual(incidents.items.map((item) => item.id));
    for (const page of pages.slice(0, -1)) {
      const next = new URL(page["@odata.nextLink"]!);
      expect(next.origin).toBe(graph.sim.url);
      expect(next.searchParams.get("$top")).toBe("7");
      expect(next.searchParams.get("expand")).toBe("fields(select=JobNumber)");
      expect(next.searchParams.get("$skiptoken")).toMatch(/^[\w-]+$/);
    }
    expect(pages.at(-1)?.["@odata.nextLink"]).toBeUndefined();
  });

  it("refuses $skip: only URLs returned by the API can be used to page", async () => {
    const response = await graph.get(`${incidentsPath}?$skip=10`);
    expect(response.status).toBe(400);
    expect(await graphError(response)).toMatchObject({
      code: "invalidRequest",
      message: "$skip is not supported on this API. Only URLs returned by the API can be used to page.",
    });
  });

  it("refuses a skip token it did not issue", async () => {
    expect((await graph.get(`${incidentsPath}?$skiptoken=bm9wZQ`)).status).toBe(400);
  });
});

describe("a simulator configured with other indexes, a small view threshold and small pages", () => {
  let custom: GraphHarness;
  beforeAll(async () => {
    custom = await startGraph({
      indexedColumns: { "Safety Incidents": ["Severity"] },
      listViewThreshold: 10,
      pageSizeDefault: 50,
      pageSizeMax: 60,
    });
  });
  afterAll(() => custom.close());

  it("filters on the columns it was told are indexed, and only those", async () => {
    expect((await custom.get(`${incidentsPath}?$filter=fields/Severity eq 'Low'`)).status).toBe(200);
    expect((await custom.get(`${incidentsPath}?$filter=fields/JobNumber eq '23-101'`)).status).toBe(400);
  });

  it("refuses a non-indexed query on a list past the view threshold even with Prefer", async () => {
    const response = await custom.get(`${incidentsPath}?$filter=fields/JobNumber eq '23-101'`, PREFER);
    expect(response.status).toBe(400);
    expect(await graphError(response)).toMatchObject({
      code: "notSupported",
      message: "The request is unprocessable because it uses too many resources",
      innerError: { code: "tooManyResources" },
    });
  });

  it("uses the default page size without $top and clamps a large $top", async () => {
    const documents = `/sites/${north.id}/lists/Documents/items`;
    expect((await custom.json(documents)).value).toHaveLength(50);
    expect((await custom.json(`${documents}?$top=1000`)).value).toHaveLength(60);
  });
});
