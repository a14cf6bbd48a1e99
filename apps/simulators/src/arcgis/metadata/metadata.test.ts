import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ArcgisTestClient, SERVICE_PATH } from "../test-support/arcgis-client.ts";
import { demoData } from "../test-support/demo-data.ts";

let client: ArcgisTestClient;
beforeAll(async () => {
  client = await ArcgisTestClient.start({ maxRecordCount: 1000 });
  await client.signIn();
});
afterAll(() => client.close());

describe("ArcGIS metadata endpoints", () => {
  it("advertises token security and the token URL at /arcgis/rest/info, without a token", async () => {
    const info = await client.get("/arcgis/rest/info", { f: "json", token: "" });
    expect(info.currentVersion).toBe(11.1);
    expect(info.authInfo).toEqual({
      isTokenBasedSecurity: true,
      tokenServicesUrl: `${client.sim.url}/arcgis/tokens/`,
      shortLivedTokenValidity: 60,
    });
  });

  it("lists the folder at the root and the feature service inside it", async () => {
    expect(await client.get("/arcgis/rest/services", { f: "json" })).toEqual({
      currentVersion: 11.1,
      folders: ["Construction"],
      services: [],
    });
    const folder = await client.get("/arcgis/rest/services/Construction", { f: "json" });
    expect(folder.services).toEqual([{ name: "Construction/CascadeRidge", type: "FeatureServer" }]);
  });

  it("describes the service with its layers, extent and limits", async () => {
    const service = await client.get(SERVICE_PATH, { f: "json" });
    expect(service.maxRecordCount).toBe(1000);
    expect(service.capabilities).toBe("Query");
    expect(service.spatialReference).toEqual({ wkid: 4326, latestWkid: 4326 });
    expect(service.layers).toEqual([
      expect.objectContaining({
        id: 0,
        name: "Project Sites",
        geometryType: "esriGeometryPolygon",
        parentLayerId: -1,
      }),
      expect.objectContaining({ id: 1, name: "Parcels", geometryType: "esriGeometryPolygon" }),
      expect.objectContaining({ id: 2, name: "Utility Assets", geometryType: "esriGeometryPoint" }),
    ]);
    const extent = service.fullExtent as Record<string, number>;
    expect(extent.xmin).toBeLessThan(-122);
    expect(extent.ymax).toBeGreaterThan(47);
  });

  it("describes a layer: fields with esri types, domains, paging and statistics support", async () => {
    const layer = await client.get(`${SERVICE_PATH}/2`, { f: "json" });
    expect(layer).toMatchObject({
      id: 2,
      type: "Feature Layer",
      geometryType: "esriGeometryPoint",
      objectIdField: "OBJECTID",
      globalIdField: "GlobalID",
      displayField: "ASSET_ID",
      maxRecordCount: 1000,
      supportsStatistics: true,
      supportsAdvancedQueries: true,
      useStandardizedQueries: true,
      supportedQueryFormats: "JSON, geoJSON",
      dateFieldsTimeReference: { timeZone: "UTC", respectsDaylightSaving: false },
      editFieldsInfo: { creationDateField: "created_date", editDateField: "last_edited_date" },
    });
    expect(layer.advancedQueryCapabilities).toMatchObject({
      supportsPagination: true,
      supportsOrderBy: true,
      supportsStatistics: true,
      supportsDistinct: true,
    });
    const fields = layer.fields as { name: string; type: string; domain: unknown; nullable: boolean }[];
    const typeOf = (name: string) => fields.find((f) => f.name === name)?.type;
    expect(typeOf("OBJECTID")).toBe("esriFieldTypeOID");
    expect(typeOf("GlobalID")).toBe("esriFieldTypeGlobalID");
    expect(typeOf("INSTALL_DATE")).toBe("esriFieldTypeDate");
    expect(typeOf("DIAMETER_IN")).toBe("esriFieldTypeDouble");
    expect(typeOf("CONDITION")).toBe("esriFieldTypeSmallInteger");
    expect(fields.find((f) => f.name === "CONDITION")?.domain).toMatchObject({
      type: "codedValue",
      codedValues: [
        { name: "Excellent", code: 1 },
        { name: "Good", code: 2 },
        { name: "Fair", code: 3 },
        { name: "Poor", code: 4 },
        { name: "Critical", code: 5 },
      ],
    });
    expect(layer.extent).toMatchObject({ spatialReference: { wkid: 4326 } });
  });

  it("serves every layer at /layers and one feature by ObjectID", async () => {
    const all = await client.get(`${SERVICE_PATH}/layers`, { f: "json" });
    expect((all.layers as unknown[]).length).toBe(3);
    const first = demoData.layers[0]!.features[0]!;
    const single = await client.get(`${SERVICE_PATH}/0/${first.attributes.OBJECTID}`, { f: "json" });
    expect(single.feature).toEqual({ attributes: first.attributes, geometry: first.geometry });
  });

  it("matches folder and service names in any case", async () => {
    const service = await client.get("/arcgis/rest/services/construction/cascaderidge/FeatureServer", {
      f: "json",
    });
    expect(service.layers).toHaveLength(3);
  });

  it("answers unknown services, layers and features with errors in HTTP 200 bodies", async () => {
    const missing = await client.get("/arcgis/rest/services/Construction/Nope/FeatureServer", { f: "json" });
    expect(missing.error?.code).toBe(404);
    const badLayer = await client.get(`${SERVICE_PATH}/9`, { f: "json" });
    expect(badLayer.error).toEqual({ code: 400, message: "Invalid URL", details: ["Invalid URL"] });
    const badFeature = await client.get(`${SERVICE_PATH}/0/999999`, { f: "json" });
    expect(badFeature.error?.code).toBe(404);
  });

  it("pretty-prints pjson, serves the HTML directory page without f, and refuses other formats", async () => {
    const pretty = await fetch(client.url(SERVICE_PATH, { f: "pjson", token: client.token! }));
    expect(await pretty.text()).toContain('\n  "currentVersion": 11.1');
    const page = await fetch(client.url(SERVICE_PATH, { token: client.token! }));
    expect(page.headers.get("content-type")).toContain("text/html");
    const pbf = await client.get(`${SERVICE_PATH}/0`, { f: "pbf" });
    expect(pbf.error?.code).toBe(400);
  });
});
