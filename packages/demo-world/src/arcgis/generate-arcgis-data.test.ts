import { describe, expect, it } from "vitest";
import { generateCompany } from "../company/generate-company.ts";
import { WORLD_END, WORLD_START } from "../dates.ts";
import { ARCGIS_LAYER_IDS, generateArcgisData } from "./generate-arcgis-data.ts";
import { boundingBox, ringContains } from "./geometry.ts";
import type { ArcgisLayer, EsriPoint, EsriPolygon, Position } from "./types.ts";

const company = generateCompany({ seed: 7, scale: 1 });
const data = generateArcgisData(company);
const layer = (id: number): ArcgisLayer => data.layers.find((l) => l.id === id)!;
const sites = layer(ARCGIS_LAYER_IDS.projectSites);
const parcels = layer(ARCGIS_LAYER_IDS.parcels);
const assets = layer(ARCGIS_LAYER_IDS.utilityAssets);
const ringOf = (geometry: unknown) => (geometry as EsriPolygon).rings[0]!;

describe("generateArcgisData", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(generateArcgisData(generateCompany({ seed: 7, scale: 1 }))).toEqual(data);
    const other = generateArcgisData(generateCompany({ seed: 8, scale: 1 }));
    expect(other.layers[0]!.features[0]).not.toEqual(data.layers[0]!.features[0]);
  });

  it("publishes one service with three layers in WGS84", () => {
    expect(data.folder).toBe("Construction");
    expect(data.spatialReference.wkid).toBe(4326);
    expect(data.layers.map((l) => [l.id, l.name, l.geometryType])).toEqual([
      [0, "Project Sites", "esriGeometryPolygon"],
      [1, "Parcels", "esriGeometryPolygon"],
      [2, "Utility Assets", "esriGeometryPoint"],
    ]);
  });

  it("gives every project one site keyed by its job number, around its location", () => {
    expect(sites.features).toHaveLength(company.projects.length);
    for (const project of company.projects) {
      const site = sites.features.find((f) => f.attributes.PROJECT_NUMBER === project.jobNumber)!;
      expect(site.attributes.PROJECT_NAME).toBe(project.name);
      expect(site.attributes.CONTRACT_VALUE).toBe(project.contractAmount);
      expect(site.attributes.START_DATE).toBe(project.startDate);
      expect(site.attributes.OWNER_NAME).toBe(project.customer.name);
      const location: Position = [project.location.longitude, project.location.latitude];
      expect(ringContains(ringOf(site.geometry), location)).toBe(true);
    }
  });

  it("stores status as the code of the Sage status in the layer's coded-value domain", () => {
    const domain = sites.fields.find((f) => f.name === "STATUS")!.domain!;
    expect(domain.type).toBe("codedValue");
    for (const project of company.projects) {
      const site = sites.features.find((f) => f.attributes.PROJECT_NUMBER === project.jobNumber)!;
      const coded = domain.type === "codedValue" ? domain.codedValues : [];
      expect(coded.find((c) => c.code === site.attributes.STATUS)?.name).toBe(project.status);
    }
  });

  it("draws closed clockwise rings, as Esri stores outer rings", () => {
    for (const feature of [...sites.features, ...parcels.features]) {
      const ring = ringOf(feature.geometry);
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      let signedArea = 0;
      for (let i = 0; i + 1 < ring.length; i++)
        signedArea += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
      expect(signedArea).toBeLessThan(0);
    }
  });

  it("puts several parcels under every site, plus neighbours", () => {
    expect(parcels.features.length).toBeGreaterThan(company.projects.length * 3);
    for (const site of sites.features) {
      const box = boundingBox(ringOf(site.geometry));
      const under = parcels.features.filter((p) => {
        const b = boundingBox(ringOf(p.geometry));
        return b.xmin >= box.xmin - 1e-9 && b.xmax <= box.xmax + 1e-9 && b.ymin === box.ymin;
      });
      expect(under.length).toBeGreaterThanOrEqual(2);
    }
    const apns = parcels.features.map((p) => p.attributes.APN);
    expect(new Set(apns).size).toBe(apns.length);
  });

  it("places assets installed by a project inside its site and dates them within the job", () => {
    const tagged = assets.features.filter((a) => a.attributes.PROJECT_NUMBER !== null);
    expect(tagged.length).toBeGreaterThan(company.projects.length);
    for (const asset of tagged) {
      const project = company.projects.find((p) => p.jobNumber === asset.attributes.PROJECT_NUMBER)!;
      const site = sites.features.find((f) => f.attributes.PROJECT_NUMBER === project.jobNumber)!;
      const { x, y } = asset.geometry as EsriPoint;
      expect(ringContains(ringOf(site.geometry), [x, y])).toBe(true);
      const installed = asset.attributes.INSTALL_DATE;
      if (installed === null) expect(asset.attributes.LIFECYCLE_STATUS).toBe("PRO");
      else expect(installed).toBeGreaterThanOrEqual(project.startDate);
    }
  });

  it("has realistic gaps and skew: nulls, uneven conditions, inspections after installs", () => {
    const values = (name: string) => assets.features.map((a) => a.attributes[name]);
    expect(values("LAST_INSPECTION").filter((v) => v === null).length).toBeGreaterThan(
      assets.features.length / 10,
    );
    expect(values("INSTALL_DATE").some((v) => v === null)).toBe(true);
    expect(values("INSTALL_DATE").some((v) => typeof v === "number" && v < 0)).toBe(true);
    const conditions = values("CONDITION");
    const share = (c: number) => conditions.filter((v) => v === c).length;
    expect(share(5)).toBeLessThan(share(2));
    for (const { attributes } of assets.features) {
      const { INSTALL_DATE: installed, LAST_INSPECTION: inspected } = attributes;
      if (typeof inspected === "number") {
        expect(inspected).toBeGreaterThanOrEqual(WORLD_START);
        expect(inspected).toBeLessThanOrEqual(WORLD_END);
        if (typeof installed === "number") expect(inspected).toBeGreaterThanOrEqual(installed);
      }
    }
    expect(parcels.features.some((p) => p.attributes.LAND_VALUE === null)).toBe(true);
  });

  it("uses increasing ObjectIDs with occasional gaps and braced GlobalIDs", () => {
    for (const l of data.layers) {
      const ids = l.features.map((f) => f.attributes.OBJECTID as number);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
      for (const f of l.features)
        expect(f.attributes.GlobalID).toMatch(/^\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}$/);
    }
    const all = data.layers.flatMap((l) => l.features.map((f) => f.attributes.OBJECTID as number));
    expect(Math.max(...all)).toBeGreaterThan(assets.features.length);
  });

  it("only carries attributes its layer's schema declares", () => {
    for (const l of data.layers) {
      const names = l.fields.map((f) => f.name).sort();
      for (const f of l.features) expect(Object.keys(f.attributes).sort()).toEqual(names);
    }
  });
});
