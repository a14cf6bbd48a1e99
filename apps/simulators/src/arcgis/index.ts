export {
  ARCGIS_DEFAULT_CREDENTIALS,
  type ArcgisSimulatorDefinition,
  type ArcgisSimulatorOptions,
  arcgisSimulator,
} from "./arcgis-simulator.ts";
export type { ArcgisAuth, Credentials as ArcgisCredentials } from "./auth/arcgis-auth.ts";
export { ArcgisError } from "./errors.ts";
export type { FeatureServiceData } from "./model.ts";
export { compileWhere } from "./where/index.ts";
