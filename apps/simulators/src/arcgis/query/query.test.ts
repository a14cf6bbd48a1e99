import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PolygonGeometry } from "../model.ts";
import { ArcgisTestClient, attributesOf, SERVICE_PATH } from "../test-support/arcgis-client.ts";
import { company, demoLayer } from "../test-support/demo-data.ts";

const assets = demoLayer(2);
const sites = demoLayer(0);
const ids = (rows: readonly { attributes: Record<string, unknown> }[]) =>
  rows.map((f) => f.attributes.OBJECTID);

let client: ArcgisTestClient;
beforeAll(async () => {
  client = await ArcgisTestClient.start();
  await client.signIn();
});
afterAll(() => client.close());

describe("query: where", () => {
  it("returns every feature for 1=1, in ObjectID order, with only OBJECTID when outFields is absent", async () => {
    const body = await client.query(2, { where: "1=1" });
    expect(body.objectIdFieldName).toBe("OBJECTID");
    expect(body.globalIdFieldName).toBe("GlobalID");
    expect(body.geometryType).toBe("esriGeometryPoint");
    expect(body.spatialReference).toEqual({ wkid: 4326, latestWkid: 4326 });
    expect(attributesOf(body)).toEqual(assets.features.map((f) => ({ OBJECTID: f.attributes.OBJECTID })));
    expect(body.exceededTransferLimit).toBeUndefined();
  });

  it("filters with DATE and TIMESTAMP literals against epoch-ms date fields", async () => {
    const since = Date.UTC(2024, 6, 1);
    const body = await client.query(2, {
      where: "LAST_INSPECTION >= DATE '2024-07-01'",
      outFields: "LAST_INSPECTION",
    });
    const expected = assets.features.filter(
      (f) => ((f.attributes.LAST_INSPECTION ?? -Infinity) as number) >= since,
    );
    expect(attributesOf(body)).toHaveLength(expected.length);
    for (const row of attributesOf(body)) expect(row.LAST_INSPECTION as number).toBeGreaterThanOrEqual(since);
    const stamped = await client.query(2, {
      where: "INSTALL_DATE < TIMESTAMP '1970-01-01 00:00:00' AND INSTALL_DATE IS NOT NULL",
      outFields: "INSTALL_DATE",
    });
    expect(attributesOf(stamped).length).toBeGreaterThan(0);
    for (const row of attributesOf(stamped)) expect(row.INSTALL_DATE as number).toBeLessThan(0);
  });

  it("handles LIKE, IN, NULL tests and precedence the way SQL does", async () => {
    const like = await client.query(2, { where: "ASSET_ID LIKE 'HYD-%'", outFields: "ASSET_ID,ASSET_TYPE" });
    expect(attributesOf(like).every((r) => r.ASSET_TYPE === "HYD")).toBe(true);
    const within = await client.query(2, { where: "ASSET_TYPE IN ('HYD','VLV') AND CONDITION IS NULL" });
    const expected = assets.features.filter(
      (f) => ["HYD", "VLV"].includes(f.attributes.ASSET_TYPE as string) && f.attributes.CONDITION === null,
    );
    expect(ids(within.features as never)).toEqual(ids(expected));
    const precedence = await client.query(2, {
      where: "CONDITION = 5 OR CONDITION = 4 AND MATERIAL = 'Brick'",
      outFields: "*",
    });
    for (const row of attributesOf(precedence))
      expect(row.CONDITION === 5 || (row.CONDITION === 4 && row.MATERIAL === "Brick")).toBe(true);
  });

  it("finds a site by the job number the other systems use, quotes doubled", async () => {
    const project = company.projects[3]!;
    const body = await client.query(0, {
      where: `PROJECT_NUMBER = '${project.jobNumber}'`,
      outFields: "PROJECT_NUMBER,PROJECT_NAME",
    });
    expect(attributesOf(body)).toEqual([{ PROJECT_NUMBER: project.jobNumber, PROJECT_NAME: project.name }]);
    const quoted = await client.query(0, { where: "OWNER_NAME = 'O''Neil'", outFields: "*" });
    expect(quoted.features).toEqual([]);
    expect(quoted.fields).toBeUndefined();
  });

  it("answers an invalid where with the server's 400 body in HTTP 200", async () => {
    for (const where of [
      "PROJECT_NUMBER = ",
      "NO_SUCH_FIELD = 1",
      "START_DATE > '2024-01-01'",
      "STATUS = 'IP' AND",
    ]) {
      const response = await fetch(
        client.url(`${SERVICE_PATH}/0/query`, { f: "json", where, token: client.token! }),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        error: {
          code: 400,
          message: "Unable to complete operation.",
          details: ["'where' parameter is invalid"],
        },
      });
      expect(response.headers.get("x-simulator-reason")).toBeTruthy();
    }
  });

  it("refuses a query with no where, objectIds or geometry", async () => {
    const body = await client.query(0, { outFields: "*" });
    expect(body.error?.code).toBe(400);
    expect(body.error?.details).toContain("'where' parameter not specified");
  });
});

describe("query: fields, order, ids and counts", () => {
  it("returns the listed outFields (any case) with their field definitions, or all for *", async () => {
    const body = await client.query(0, {
      where: "1=1",
      outFields: "project_number, CONTRACT_VALUE",
      returnGeometry: false,
    });
    expect(Object.keys(attributesOf(body)[0]!)).toEqual(["PROJECT_NUMBER", "CONTRACT_VALUE"]);
    expect(body.fields).toEqual([
      expect.objectContaining({
        name: "PROJECT_NUMBER",
        type: "esriFieldTypeString",
        alias: "Project Number",
        length: 20,
      }),
      expect.objectContaining({ name: "CONTRACT_VALUE", type: "esriFieldTypeDouble" }),
    ]);
    expect((body.features as object[])[0]).not.toHaveProperty("geometry");
    expect(body.geometryType).toBeUndefined();
    const all = await client.query(0, { where: "1=1", outFields: "*", resultRecordCount: 1 });
    expect(attributesOf(all)[0]).toEqual(sites.features[0]!.attributes);
    expect((all.features as { geometry: unknown }[])[0]!.geometry).toEqual(sites.features[0]!.geometry);
    const bad = await client.query(0, { where: "1=1", outFields: "NOPE" });
    expect(bad.error?.details).toEqual(["'outFields' parameter is invalid"]);
  });

  it("orders by several fields, NULLs first ascending", async () => {
    const body = await client.query(2, {
      where: "1=1",
      outFields: "CONDITION,OBJECTID",
      orderByFields: "CONDITION ASC, OBJECTID DESC",
    });
    const rows = attributesOf(body);
    const expected = [...assets.features]
      .map((f) => f.attributes)
      .sort((a, b) => {
        const ca = (a.CONDITION ?? -1) as number;
        const cb = (b.CONDITION ?? -1) as number;
        return ca - cb || (b.OBJECTID as number) - (a.OBJECTID as number);
      })
      .map((a) => ({ CONDITION: a.CONDITION, OBJECTID: a.OBJECTID }));
    expect(rows).toEqual(expected);
    expect((await client.query(2, { where: "1=1", orderByFields: "NOPE DESC" })).error?.code).toBe(400);
  });

  it("returns counts and ids only, for any where", async () => {
    const where = "UTILITY_SYSTEM = 'Water'";
    const water = assets.features.filter((f) => f.attributes.UTILITY_SYSTEM === "Water");
    expect(await client.query(2, { where, returnCountOnly: true })).toEqual({ count: water.length });
    expect(await client.query(2, { where, returnIdsOnly: true })).toEqual({
      objectIdFieldName: "OBJECTID",
      objectIds: ids(water),
    });
  });

  it("selects by objectIds, combined with where", async () => {
    const [a, b, c] = assets.features.map((f) => f.attributes.OBJECTID as number);
    const body = await client.query(2, { objectIds: `${a},${b},${c}`, outFields: "OBJECTID" });
    expect(attributesOf(body)).toEqual([{ OBJECTID: a }, { OBJECTID: b }, { OBJECTID: c }]);
    const both = await client.query(2, { objectIds: `${a},${b}`, where: `OBJECTID <> ${a}` });
    expect(attributesOf(both)).toEqual([{ OBJECTID: b }]);
    expect((await client.query(2, { objectIds: "1,x" })).error?.details).toEqual([
      "'objectIds' parameter is invalid",
    ]);
  });

  it("returns distinct values and the extent on request", async () => {
    const distinct = await client.query(2, {
      where: "1=1",
      outFields: "UTILITY_SYSTEM",
      returnDistinctValues: true,
      orderByFields: "UTILITY_SYSTEM",
    });
    expect(attributesOf(distinct).map((r) => r.UTILITY_SYSTEM)).toEqual([
      "Electric",
      "Sewer",
      "Storm",
      "Water",
    ]);
    const extent = await client.query(0, { where: "1=1", returnExtentOnly: true, returnCountOnly: true });
    expect(extent.count).toBe(sites.features.length);
    expect(extent.extent).toMatchObject({ spatialReference: { wkid: 4326 } });
  });
});

describe("query: GET and POST", () => {
  it("answers a POSTed form exactly as the same GET", async () => {
    const params = {
      f: "json",
      where: "CONDITION >= 3 AND LAST_INSPECTION >= TIMESTAMP '2024-01-01 00:00:00'",
      outFields: "ASSET_ID,CONDITION,LAST_INSPECTION",
      orderByFields: "LAST_INSPECTION DESC",
      resultOffset: 2,
      resultRecordCount: 5,
    };
    const viaGet = await client.get(`${SERVICE_PATH}/2/query`, params);
    const viaPost = await client.post(`${SERVICE_PATH}/2/query`, params);
    expect(viaPost).toEqual(viaGet);
    expect(attributesOf(viaGet)).toHaveLength(5);
    const badGet = await client.get(`${SERVICE_PATH}/2/query`, { f: "json", where: "CONDITION >" });
    expect(await client.post(`${SERVICE_PATH}/2/query`, { f: "json", where: "CONDITION >" })).toEqual(badGet);
  });

  it("accepts a where too long for a URL over POST", async () => {
    const idList = assets.features.map((f) => `'${f.attributes.ASSET_ID}'`).join(",");
    const where = `ASSET_ID IN (${idList}) AND ASSET_TYPE = 'MH'`;
    expect(where.length).toBeGreaterThan(2000);
    const body = await client.post(`${SERVICE_PATH}/2/query`, { f: "json", where, returnCountOnly: true });
    expect(body.count).toBe(assets.features.filter((f) => f.attributes.ASSET_TYPE === "MH").length);
  });
});

describe("query: f=geojson", () => {
  it("returns a FeatureCollection with ids, properties and RFC 7946 polygon winding", async () => {
    const body = await client.query(0, {
      f: "geojson",
      where: "1=1",
      outFields: "OBJECTID,PROJECT_NUMBER",
      resultRecordCount: 2,
    });
    expect(body.type).toBe("FeatureCollection");
    expect(body.properties).toEqual({ exceededTransferLimit: true });
    const [feature] = body.features as {
      type: string;
      id: number;
      geometry: { type: string; coordinates: number[][][] };
      properties: object;
    }[];
    const source = sites.features[0]!;
    expect(feature!.type).toBe("Feature");
    expect(feature!.id).toBe(source.attributes.OBJECTID);
    expect(feature!.properties).toEqual({
      OBJECTID: source.attributes.OBJECTID,
      PROJECT_NUMBER: source.attributes.PROJECT_NUMBER,
    });
    expect(feature!.geometry.type).toBe("Polygon");
    const esriRing = (source.geometry as PolygonGeometry).rings[0]!;
    expect(feature!.geometry.coordinates[0]).toEqual([...esriRing].reverse());
  });

  it("returns points as GeoJSON points and no collection properties on the last page", async () => {
    const body = await client.query(2, {
      f: "geojson",
      where: "1=1",
      outFields: "ASSET_ID",
      resultOffset: assets.features.length - 1,
    });
    const [feature] = body.features as { geometry: { type: string; coordinates: number[] } }[];
    const source = assets.features[assets.features.length - 1]!.geometry as { x: number; y: number };
    expect(feature!.geometry).toEqual({ type: "Point", coordinates: [source.x, source.y] });
    expect(body.properties).toBeUndefined();
  });
});

describe("query: outSR", () => {
  it("projects output geometry to Web Mercator on request", async () => {
    const body = await client.query(2, { where: "1=1", outSR: 102100, resultRecordCount: 1 });
    expect(body.spatialReference).toEqual({ wkid: 102100, latestWkid: 3857 });
    const { x, y } = (body.features as { geometry: { x: number; y: number } }[])[0]!.geometry;
    const source = assets.features[0]!.geometry as { x: number; y: number };
    expect(x).toBeCloseTo((source.x * Math.PI * 6378137) / 180, 2);
    expect(y).toBeGreaterThan(5_900_000);
  });
});

describe("query: text search", () => {
  it("searches the display field for the literal text", async () => {
    const name = sites.features[0]!.attributes.PROJECT_NAME as string;
    const word = name.split(" ")[0]!;
    const body = await client.query(0, { text: word, outFields: "PROJECT_NAME" });
    const expected = sites.features.filter((f) => (f.attributes.PROJECT_NAME as string).includes(word));
    expect(attributesOf(body)).toHaveLength(expected.length);
  });

  it("explains a refused where in a header even when it quotes non-ASCII SQL", async () => {
    const response = await fetch(
      client.url(`${SERVICE_PATH}/0/query`, { f: "json", where: '"NÄME" = 1', token: client.token! }),
    );
    expect((await response.json()) as unknown).toMatchObject({ error: { code: 400 } });
    expect(response.headers.get("x-simulator-reason")).toContain("N?ME");
  });
});
