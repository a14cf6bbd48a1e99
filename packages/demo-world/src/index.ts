export * from "./arcgis/index.ts";
export type { WorldOptions } from "./company/generate-company.ts";
export { DEFAULT_SEED, generateCompany } from "./company/generate-company.ts";
export type * from "./company/types.ts";
export { REGIONS } from "./company/vocabulary.ts";
export { addDays, isoDate, isoDateTime, randomMoment, WORLD_END, WORLD_START } from "./dates.ts";
export type { Random } from "./random.ts";
export { createRandom } from "./random.ts";
