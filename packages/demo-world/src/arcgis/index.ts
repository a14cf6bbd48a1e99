export { ARCGIS_LAYER_IDS, generateArcgisData } from "./generate-arcgis-data.ts";
export { ringContains } from "./geometry.ts";
export {
  ASSET_TYPE_DOMAIN,
  CONDITION_DOMAIN,
  LIFECYCLE_DOMAIN,
  REGION_DOMAIN,
  SITE_STATUS_DOMAIN,
  ZONING_DOMAIN,
} from "./schema.ts";
export type * from "./types.ts";
