import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SharepointSite } from "../model.ts";
import { allPages, type GraphHarness, graphError, startGraph } from "../test-support.ts";

let graph: GraphHarness;
let north: SharepointSite;
let driveId: string;
let job: string;
beforeAll(async () => {
  graph = await startGraph();
  north = graph.data.sites.find((site) => site.name === "north-ops")!;
  driveId = north.drive.id;
  job = north.lists[1]!.items[0]!.fields.JobNumber as string;
});
afterAll(() => graph.close());

const filesIn = (folder: string) =>
  north.drive.items
    .filter((item) => item.parentPath === `/${folder}`)
    .map((item) => item.name)
    .sort((a, b) => a.localeCompare(b));

describe("a site's drive", () => {
  it("is the Documents library, with a b! drive id", async () => {
    const drive = await graph.json(`/sites/${north.id}/drive`);
    expect(drive).toMatchObject({
      "@odata.context": `${graph.sim.url}/v1.0/$metadata#drives/$entity`,
      id: driveId,
      name: "Documents",
      driveType: "documentLibrary",
      webUrl: "https://cascaderidge.sharepoint.com/sites/north-ops/Shared%20Documents",
      quota: { state: "normal" },
    });
    expect(driveId).toMatch(/^b![\w-]{64}$/);
    expect((await graph.json(`/sites/${north.id}/drives`)).value?.map((d) => d.id)).toEqual([driveId]);
    expect((await graph.json(`/drives/${driveId}`)).id).toBe(driveId);
  });

  it("has one folder per project of the region at its root, named by job number", async () => {
    const children = await graph.json(`/sites/${north.id}/drive/root/children`);
    expect(children["@odata.context"]).toBe(
      `${graph.sim.url}/v1.0/$metadata#drives('${driveId.replace("!", "%21")}')/root/children`,
    );
    const folders = children.value ?? [];
    expect(folders.map((f) => f.name)).toEqual(north.lists[1]!.items.map((i) => i.fields.JobNumber).sort());
    expect(folders[0]).toMatchObject({
      folder: { childCount: expect.any(Number) },
      parentReference: {
        driveType: "documentLibrary",
        driveId,
        path: `/drives/${driveId}/root:`,
        siteId: north.id,
      },
    });
  });
});

describe("driveItems", () => {
  it("lists a folder's children by path, with file metadata", async () => {
    const children = await graph.json(`/drives/${driveId}/root:/${job}:/children`);
    const files = children.value ?? [];
    expect(files.map((f) => f.name)).toEqual(filesIn(job));
    const log = files.find((f) => f.name === `${job} Drawing Log.xlsx`);
    expect(log).toMatchObject({
      id: expect.stringMatching(/^01[A-Z2-7]{32}$/),
      size: expect.any(Number),
      eTag: expect.stringMatching(/^"\{[0-9A-F-]{36}\},\d+"$/),
      webUrl: `https://cascaderidge.sharepoint.com/sites/north-ops/Shared%20Documents/${job}/${job}%20Drawing%20Log.xlsx`,
      file: {
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        hashes: { quickXorHash: expect.any(String) },
      },
      createdBy: { user: { displayName: expect.any(String), email: expect.stringContaining("@") } },
      parentReference: { path: `/drives/${driveId}/root:/${job}` },
    });
    expect(log?.folder).toBeUndefined();
  });

  it("lists the same children by folder id, and through the site's drive", async () => {
    const folder = await graph.json(`/drives/${driveId}/root:/${job}`);
    expect(folder["@odata.context"]).toBe(
      `${graph.sim.url}/v1.0/$metadata#drives('${driveId.replace("!", "%21")}')/items/$entity`,
    );
    const byId = await graph.json(`/drives/${driveId}/items/${folder.id}/children`);
    const viaSite = await graph.json(`/sites/${north.id}/drive/items/${folder.id}/children`);
    expect(byId.value).toEqual(viaSite.value);
    expect(byId.value?.map((f) => f.name)).toEqual(filesIn(job));
  });

  it("gets one file by path, case-insensitively, with its list item fields on expand=listItem", async () => {
    const file = await graph.json(
      `/drives/${driveId}/root:/${job}/${job.toUpperCase()} drawing log.xlsx?expand=listItem`,
    );
    const listItem = file.listItem as { fields: Record<string, unknown>; contentType: { name: string } };
    expect(listItem.contentType.name).toBe("Document");
    expect(listItem.fields).toMatchObject({
      FileLeafRef: `${job} Drawing Log.xlsx`,
      DocumentType: "Log",
      Discipline: "General",
      DocIcon: "xlsx",
      ContentType: "Document",
    });
    const narrow = await graph.json(
      `/drives/${driveId}/root:/${job}:/children?$expand=listItem($expand=fields($select=DocumentType,Revision))`,
    );
    for (const item of narrow.value ?? []) {
      const fields = (item.listItem as { fields: Record<string, unknown> }).fields;
      expect(
        Object.keys(fields).filter((key) => !["@odata.etag", "DocumentType", "Revision"].includes(key)),
      ).toEqual([]);
    }
  });

  it("answers a missing path with 404 itemNotFound", async () => {
    const response = await graph.get(`/drives/${driveId}/root:/99-999:/children`);
    expect(response.status).toBe(404);
    expect(await graphError(response)).toMatchObject({
      code: "itemNotFound",
      message: "The resource could not be found.",
    });
  });

  it("pages children through nextLink and sorts them with $orderby", async () => {
    const count = filesIn(job).length;
    const pages = await allPages(graph, `/drives/${driveId}/root:/${job}:/children?$top=3`);
    expect(pages).toHaveLength(Math.ceil(count / 3));
    expect(pages.flatMap((p) => (p.value ?? []).map((f) => f.name))).toEqual(filesIn(job));
    expect(pages.at(-1)?.["@odata.nextLink"]).toBeUndefined();
    const bySize = await graph.json(`/drives/${driveId}/root:/${job}:/children?$orderby=size desc`);
    const sizes = (bySize.value ?? []).map((f) => Number(f.size));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
  });

  it("refuses $filter on children", async () => {
    const response = await graph.get(`/drives/${driveId}/root/children?$filter=name eq 'x'`);
    expect(response.status).toBe(400);
  });
});

describe("drive search", () => {
  it("finds files whose name or metadata holds every term", async () => {
    const logs = north.drive.items.filter((item) => item.name.endsWith("Drawing Log.xlsx"));
    const found = await graph.json(`/drives/${driveId}/root/search(q='drawing log')`);
    expect(found["@odata.context"]).toBe(`${graph.sim.url}/v1.0/$metadata#Collection(driveItem)`);
    expect((found.value ?? []).map((f) => f.name).sort()).toEqual(logs.map((l) => l.name).sort());
    expect(found.value?.[0]).toMatchObject({ searchResult: {}, parentReference: { driveId } });
  });

  it("is also reachable from the site, and pages like any collection", async () => {
    const pages = await allPages(graph, `/sites/${north.id}/drive/root/search(q='submittal')?$top=10`);
    const names = pages.flatMap((p) => (p.value ?? []).map((f) => String(f.name)));
    expect(names.length).toBe(north.drive.items.filter((i) => i.name.startsWith("Submittal")).length);
    expect(names.every((name) => name.startsWith("Submittal"))).toBe(true);
  });

  it("handles quotes in the query", async () => {
    const found = await graph.json(`/drives/${driveId}/root/search(q='O''Brien')`);
    expect(found.value).toEqual([]);
  });
});
