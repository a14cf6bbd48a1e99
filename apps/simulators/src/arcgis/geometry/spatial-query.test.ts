import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PointGeometry, PolygonGeometry } from "../model.ts";
import { ArcgisTestClient, attributesOf } from "../test-support/arcgis-client.ts";
import { company, demoLayer } from "../test-support/demo-data.ts";
import { fromWgs84 } from "./projection.ts";

const sites = demoLayer(0).features;
const parcels = demoLayer(1).features;
const assets = demoLayer(2).features;
const project = company.projects[5]!;
const site = sites.find((s) => s.attributes.PROJECT_NUMBER === project.jobNumber)!;
const siteRing = (site.geometry as PolygonGeometry).rings[0]!;

function boxOf(ring: readonly (readonly [number, number])[]) {
  const xs = ring.map(([x]) => x);
  const ys = ring.map(([, y]) => y);
  return { xmin: Math.min(...xs), ymin: Math.min(...ys), xmax: Math.max(...xs), ymax: Math.max(...ys) };
}

let client: ArcgisTestClient;
beforeAll(async () => {
  client = await ArcgisTestClient.start();
  await client.signIn();
});
afterAll(() => client.close());

describe("query: spatial filters", () => {
  const location = { x: project.location.longitude, y: project.location.latitude };

  it("finds the site a point lies within, by intersects and by within", async () => {
    for (const spatialRel of ["esriSpatialRelIntersects", "esriSpatialRelWithin"]) {
      const body = await client.query(0, {
        geometry: JSON.stringify(location),
        geometryType: "esriGeometryPoint",
        spatialRel,
        outFields: "PROJECT_NUMBER",
        returnGeometry: false,
      });
      expect(attributesOf(body).map((r) => r.PROJECT_NUMBER)).toContain(project.jobNumber);
      expect(attributesOf(body).length).toBeLessThanOrEqual(2);
    }
    const contains = await client.query(0, {
      geometry: `${location.x},${location.y}`,
      geometryType: "esriGeometryPoint",
      spatialRel: "esriSpatialRelContains",
    });
    expect(contains.features).toEqual([]);
  });

  it("accepts the point in Web Mercator via inSR", async () => {
    const [x, y] = fromWgs84([location.x, location.y], 102100);
    const body = await client.query(0, {
      geometry: `${x},${y}`,
      geometryType: "esriGeometryPoint",
      inSR: 102100,
      outFields: "PROJECT_NUMBER",
    });
    expect(attributesOf(body).map((r) => r.PROJECT_NUMBER)).toContain(project.jobNumber);
  });

  it("selects the parcels an envelope (shorthand or JSON) intersects", async () => {
    const box = boxOf(siteRing);
    const expected = parcels
      .filter((p) => {
        const b = boxOf((p.geometry as PolygonGeometry).rings[0]!);
        return b.xmin <= box.xmax && box.xmin <= b.xmax && b.ymin <= box.ymax && box.ymin <= b.ymax;
      })
      .map((p) => p.attributes.OBJECTID);
    const shorthand = await client.query(1, {
      geometry: `${box.xmin},${box.ymin},${box.xmax},${box.ymax}`,
      returnIdsOnly: true,
    });
    expect(shorthand.objectIds).toEqual(expected);
    const json = await client.query(1, {
      geometry: JSON.stringify({ ...box, spatialReference: { wkid: 4326 } }),
      geometryType: "esriGeometryEnvelope",
      spatialRel: "esriSpatialRelIntersects",
      returnIdsOnly: true,
    });
    expect(json.objectIds).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(3);
  });

  it("selects only the parcels an envelope wholly contains", async () => {
    const box = boxOf(siteRing);
    const pad = 1e-7;
    const envelope = {
      xmin: box.xmin - pad,
      ymin: box.ymin - pad,
      xmax: box.xmax + pad,
      ymax: box.ymax + pad,
    };
    const body = await client.query(1, {
      geometry: JSON.stringify(envelope),
      spatialRel: "esriSpatialRelContains",
      returnIdsOnly: true,
    });
    const expected = parcels
      .filter((p) => {
        const b = boxOf((p.geometry as PolygonGeometry).rings[0]!);
        return (
          b.xmin >= envelope.xmin &&
          b.xmax <= envelope.xmax &&
          b.ymin >= envelope.ymin &&
          b.ymax <= envelope.ymax
        );
      })
      .map((p) => p.attributes.OBJECTID);
    expect(body.objectIds).toEqual(expected);
    expect(expected.length).toBeGreaterThanOrEqual(2);
  });

  it("selects the assets inside a site's polygon, including every asset the project installed", async () => {
    const body = await client.post(`/arcgis/rest/services/Construction/CascadeRidge/FeatureServer/2/query`, {
      f: "json",
      geometry: JSON.stringify({ rings: [siteRing], spatialReference: { wkid: 4326 } }),
      geometryType: "esriGeometryPolygon",
      outFields: "ASSET_ID,PROJECT_NUMBER",
    });
    const found = attributesOf(body).map((r) => r.ASSET_ID);
    const installed = assets
      .filter((a) => a.attributes.PROJECT_NUMBER === project.jobNumber)
      .map((a) => a.attributes.ASSET_ID);
    expect(found).toEqual(expect.arrayContaining(installed));
    for (const geometry of (body.features as { geometry: PointGeometry }[]).map((f) => f.geometry)) {
      const box = boxOf(siteRing);
      expect(geometry.x).toBeGreaterThanOrEqual(box.xmin);
      expect(geometry.x).toBeLessThanOrEqual(box.xmax);
    }
  });

  it("combines a spatial filter with where", async () => {
    const box = boxOf(siteRing);
    const body = await client.query(2, {
      geometry: `${box.xmin - 0.01},${box.ymin - 0.01},${box.xmax + 0.01},${box.ymax + 0.01}`,
      where: "ASSET_TYPE = 'VLV'",
      outFields: "ASSET_TYPE",
    });
    expect(attributesOf(body).every((r) => r.ASSET_TYPE === "VLV")).toBe(true);
  });

  it("answers a malformed geometry, geometryType or spatialRel with the server's 400", async () => {
    const geometry = await client.query(1, { geometry: "{rings:", geometryType: "esriGeometryPolygon" });
    expect(geometry.error).toEqual({
      code: 400,
      message: "Unable to complete operation.",
      details: ["'geometry' parameter is invalid"],
    });
    const mismatch = await client.query(1, { geometry: "1,2", geometryType: "esriGeometryEnvelope" });
    expect(mismatch.error?.details).toEqual(["'geometry' parameter is invalid"]);
    const type = await client.query(1, { geometry: "1,2", geometryType: "esriGeometryCircle" });
    expect(type.error?.details).toEqual(["'geometryType' parameter is invalid"]);
    const relation = await client.query(1, { geometry: "1,2,3,4", spatialRel: "esriSpatialRelTouches" });
    expect(relation.error?.details).toEqual(["'spatialRel' parameter is invalid"]);
  });
});
