/**
 * The company's GIS: a `Construction/CascadeRidge` feature service with the project sites,
 * the parcels under and around them, and the utility assets in and near them. Drawn from its
 * own random stream, so generating it never shifts another system's data.
 */
import type { Company } from "../company/types.ts";
import { createRandom } from "../random.ts";
import { parcelFeatures } from "./parcels.ts";
import { drawSites, projectSiteFeatures } from "./project-sites.ts";
import {
  GLOBAL_ID_FIELD,
  OBJECT_ID_FIELD,
  PARCEL_FIELDS,
  PROJECT_SITE_FIELDS,
  UTILITY_ASSET_FIELDS,
} from "./schema.ts";
import type { ArcgisData } from "./types.ts";
import { utilityAssetFeatures } from "./utility-assets.ts";

export const ARCGIS_LAYER_IDS = { projectSites: 0, parcels: 1, utilityAssets: 2 } as const;

export function generateArcgisData(company: Company): ArcgisData {
  const random = createRandom(company.seed, "arcgis");
  const sites = drawSites(random.fork("site-shapes"), company.projects);
  const identity = { objectIdField: OBJECT_ID_FIELD, globalIdField: GLOBAL_ID_FIELD };
  return {
    folder: "Construction",
    serviceName: "CascadeRidge",
    serviceDescription: `${company.name} project sites, parcels and utility assets.`,
    spatialReference: { wkid: 4326, latestWkid: 4326 },
    layers: [
      {
        id: ARCGIS_LAYER_IDS.projectSites,
        name: "Project Sites",
        description: "Construction project site boundaries, keyed by job number.",
        geometryType: "esriGeometryPolygon",
        ...identity,
        displayField: "PROJECT_NAME",
        fields: PROJECT_SITE_FIELDS,
        features: projectSiteFeatures(random.fork("project-sites"), sites),
      },
      {
        id: ARCGIS_LAYER_IDS.parcels,
        name: "Parcels",
        description: "Assessor parcels under and around project sites.",
        geometryType: "esriGeometryPolygon",
        ...identity,
        displayField: "APN",
        fields: PARCEL_FIELDS,
        features: parcelFeatures(random.fork("parcels"), sites),
      },
      {
        id: ARCGIS_LAYER_IDS.utilityAssets,
        name: "Utility Assets",
        description: "Water, sewer, storm and electric point assets.",
        geometryType: "esriGeometryPoint",
        ...identity,
        displayField: "ASSET_ID",
        fields: UTILITY_ASSET_FIELDS,
        features: utilityAssetFeatures(random.fork("utility-assets"), sites, company.regions, company.scale),
      },
    ],
  };
}
