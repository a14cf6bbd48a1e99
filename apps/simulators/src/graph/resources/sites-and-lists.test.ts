import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SharepointSite } from "../model.ts";
import { type GraphBody, type GraphHarness, graphError, startGraph } from "../test-support.ts";

let graph: GraphHarness;
let north: SharepointSite;
beforeAll(async () => {
  graph = await startGraph();
  north = graph.data.sites.find((site) => site.name === "north-ops")!;
});
afterAll(() => graph.close());

const encodedContextId = (id: string) => id.replace(/,/g, "%2C");

describe("addressing a site", () => {
  it("by hostname and server-relative path", async () => {
    const site = await graph.json("/sites/cascaderidge.sharepoint.com:/sites/north-ops");
    expect(site).toEqual({
      "@odata.context": `${graph.sim.url}/v1.0/$metadata#sites/$entity`,
      createdDateTime: north.createdDateTime,
      description: north.description,
      id: north.id,
      lastModifiedDateTime: north.lastModifiedDateTime,
      name: "north-ops",
      webUrl: "https://cascaderidge.sharepoint.com/sites/north-ops",
      displayName: "North Operations",
      root: {},
      siteCollection: { hostname: "cascaderidge.sharepoint.com" },
    });
  });

  it("by the composite id {hostname},{site collection id},{web id}, commas encoded or not", async () => {
    expect(north.id).toMatch(/^cascaderidge\.sharepoint\.com,[0-9a-f-]{36},[0-9a-f-]{36}$/);
    expect((await graph.json(`/sites/${north.id}`)).name).toBe("north-ops");
    expect((await graph.json(`/sites/${encodeURIComponent(north.id)}`)).name).toBe("north-ops");
  });

  it("by path with a trailing segment after the closing colon", async () => {
    const lists = await graph.json("/sites/cascaderidge.sharepoint.com:/sites/north-ops:/lists");
    expect(lists.value?.map((list) => list.displayName)).toEqual([
      "Documents",
      "Project Directory",
      "Safety Incidents",
    ]);
  });

  it("as the tenant root: /sites/root and /sites/{hostname}", async () => {
    const root = await graph.json("/sites/root");
    expect(root.webUrl).toBe("https://cascaderidge.sharepoint.com");
    expect((await graph.json("/sites/cascaderidge.sharepoint.com")).id).toBe(root.id);
  });

  it("answers an unknown site with 404 itemNotFound and a foreign hostname with 400", async () => {
    const missing = await graph.get("/sites/cascaderidge.sharepoint.com:/sites/nowhere");
    expect(missing.status).toBe(404);
    expect(await graphError(missing)).toMatchObject({
      code: "itemNotFound",
      message: "Requested site could not be found",
    });
    const foreign = await graph.get("/sites/contoso.sharepoint.com:/sites/north-ops");
    expect(foreign.status).toBe(400);
    expect(await graphError(foreign)).toMatchObject({
      code: "invalidRequest",
      message: "Invalid hostname for this tenancy",
    });
  });

  it("answers an unknown segment with 400 BadRequest", async () => {
    const response = await graph.get(`/sites/${north.id}/pages`);
    expect(response.status).toBe(400);
    expect(await graphError(response)).toMatchObject({
      code: "BadRequest",
      message: "Resource not found for the segment 'pages'.",
    });
  });

  it("finds sites with ?search=", async () => {
    const found = await graph.json("/sites?search=operations");
    expect(found["@odata.context"]).toBe(`${graph.sim.url}/v1.0/$metadata#sites`);
    expect(found.value?.map((site) => site.name)).toEqual(["north-ops", "south-ops", "east-ops", "west-ops"]);
    expect((await graph.json("/sites?search=north")).value?.map((site) => site.name)).toEqual(["north-ops"]);
  });

  it("honours $select on a site", async () => {
    const site = await graph.json(`/sites/${north.id}?$select=id,displayName`);
    expect(Object.keys(site).sort()).toEqual(["@odata.context", "displayName", "id"]);
  });
});

describe("a site's lists", () => {
  it("lists the document library and the custom lists with their template", async () => {
    const lists = await graph.json(`/sites/${north.id}/lists`);
    expect(lists["@odata.context"]).toBe(
      `${graph.sim.url}/v1.0/$metadata#sites('${encodedContextId(north.id)}')/lists`,
    );
    const [documents, directory] = lists.value ?? [];
    expect(documents).toMatchObject({
      name: "Shared Documents",
      displayName: "Documents",
      webUrl: "https://cascaderidge.sharepoint.com/sites/north-ops/Shared%20Documents",
      list: { template: "documentLibrary", hidden: false },
      parentReference: { siteId: north.id },
    });
    expect(directory).toMatchObject({
      displayName: "Project Directory",
      list: { template: "genericList" },
      eTag: expect.stringMatching(/^"[0-9a-f-]{36},\d+"$/),
    });
  });

  it("filters lists by displayName", async () => {
    const lists = await graph.json(`/sites/${north.id}/lists?$filter=displayName eq 'Safety Incidents'`);
    expect(lists.value?.map((list) => list.displayName)).toEqual(["Safety Incidents"]);
  });

  it("gets one list by id or by title", async () => {
    const listId = north.lists[1]!.id;
    const byId = await graph.json(`/sites/${north.id}/lists/${listId}`);
    const byTitle = await graph.json(`/sites/${north.id}/lists/Project%20Directory`);
    expect(byId).toEqual(byTitle);
    expect(byId["@odata.context"]).toBe(
      `${graph.sim.url}/v1.0/$metadata#sites('${encodedContextId(north.id)}')/lists/$entity`,
    );
  });

  it("describes columns, with the indexed flag a client needs before filtering", async () => {
    const columns = await graph.json(`/sites/${north.id}/lists/Safety%20Incidents/columns`);
    const byName = new Map(columns.value?.map((column) => [column.name, column]));
    expect(byName.get("JobNumber")).toMatchObject({ indexed: true, text: { allowMultipleLines: false } });
    expect(byName.get("Severity")).toMatchObject({
      indexed: false,
      choice: { choices: ["Low", "Medium", "High", "Critical"] },
    });
    expect(byName.get("IncidentDate")).toMatchObject({ indexed: true, dateTime: { format: "dateTime" } });
    expect(byName.get("Closed")).toMatchObject({ boolean: {} });
    expect(byName.get("Title")?.id).toBe("fa564e0f-0c70-4ab9-b863-0177e6ddd247");
    const expanded: GraphBody = await graph.json(
      `/sites/${north.id}/lists/Project%20Directory?expand=columns`,
    );
    expect(Array.isArray(expanded.columns)).toBe(true);
  });

  it("answers an unknown list with 404 itemNotFound", async () => {
    const response = await graph.get(`/sites/${north.id}/lists/Punch%20List`);
    expect(response.status).toBe(404);
    expect((await graphError(response)).code).toBe("itemNotFound");
  });

  it("answers with OData JSON and Graph's correlation headers", async () => {
    const response = await graph.get(`/sites/${north.id}/lists`);
    expect(response.headers.get("content-type")).toContain("application/json;odata.metadata=minimal");
    expect(response.headers.get("odata-version")).toBe("4.0");
    expect(response.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});
