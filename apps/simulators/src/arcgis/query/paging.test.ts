import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArcgisTestClient, attributesOf, SERVICE_PATH } from "../test-support/arcgis-client.ts";
import { demoLayer } from "../test-support/demo-data.ts";

const MAX = 25;
const parcels = demoLayer(1);
const allIds = parcels.features.map((f) => f.attributes.OBJECTID);

let client: ArcgisTestClient;
beforeAll(async () => {
  client = await ArcgisTestClient.start({ maxRecordCount: MAX });
  await client.signIn();
});
afterAll(() => client.close());

describe("paging with resultOffset/resultRecordCount", () => {
  it("caps an unpaged query at maxRecordCount and flags exceededTransferLimit", async () => {
    const body = await client.query(1, { where: "1=1" });
    expect(attributesOf(body)).toHaveLength(MAX);
    expect(body.exceededTransferLimit).toBe(true);
  });

  it("caps resultRecordCount at maxRecordCount", async () => {
    const body = await client.query(1, { where: "1=1", resultRecordCount: MAX * 4 });
    expect(attributesOf(body)).toHaveLength(MAX);
  });

  it("pages to the end the way rest-js queryAllFeatures does, without gaps or repeats", async () => {
    const layer = await client.get(`${SERVICE_PATH}/1`, { f: "json" });
    const pageSize = layer.maxRecordCount as number;
    const seen: unknown[] = [];
    let pages = 0;
    for (let offset = 0; ; offset += pageSize) {
      const body = await client.query(1, { where: "1=1", resultOffset: offset, resultRecordCount: pageSize });
      seen.push(...attributesOf(body).map((r) => r.OBJECTID));
      pages++;
      if (!body.exceededTransferLimit) break;
      expect(attributesOf(body)).toHaveLength(pageSize);
    }
    expect(seen).toEqual(allIds);
    expect(pages).toBe(Math.ceil(allIds.length / pageSize));
  });

  it("pages a filtered, ordered query in the same order as one big sort", async () => {
    const where = "LAND_VALUE IS NOT NULL";
    const order = "LAND_VALUE DESC";
    const seen: unknown[] = [];
    for (let offset = 0; ; offset += 10) {
      const body = await client.query(1, {
        where,
        orderByFields: order,
        outFields: "OBJECTID,LAND_VALUE",
        resultOffset: offset,
        resultRecordCount: 10,
      });
      seen.push(...attributesOf(body).map((r) => r.OBJECTID));
      if (!body.exceededTransferLimit) break;
    }
    const expected = parcels.features
      .filter((f) => f.attributes.LAND_VALUE !== null)
      .sort(
        (a, b) =>
          (b.attributes.LAND_VALUE as number) - (a.attributes.LAND_VALUE as number) ||
          (a.attributes.OBJECTID as number) - (b.attributes.OBJECTID as number),
      )
      .map((f) => f.attributes.OBJECTID);
    expect(seen).toEqual(expected);
  });

  it("omits exceededTransferLimit on the last page and returns nothing past the end", async () => {
    const last = await client.query(1, {
      where: "1=1",
      resultOffset: allIds.length - 3,
      resultRecordCount: 10,
    });
    expect(attributesOf(last)).toHaveLength(3);
    expect(last.exceededTransferLimit).toBeUndefined();
    const beyond = await client.query(1, { where: "1=1", resultOffset: allIds.length + 5 });
    expect(beyond.features).toEqual([]);
  });

  it("returns every id with returnIdsOnly, whatever maxRecordCount is", async () => {
    const body = await client.query(1, { where: "1=1", returnIdsOnly: true });
    expect(body.objectIds).toEqual(allIds);
  });

  it("refuses a negative or non-numeric offset", async () => {
    expect((await client.query(1, { where: "1=1", resultOffset: -1 })).error?.details).toEqual([
      "'resultOffset' parameter is invalid",
    ]);
    expect((await client.query(1, { where: "1=1", resultRecordCount: "ten" })).error?.code).toBe(400);
  });
});
