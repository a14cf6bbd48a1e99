export { generateProcoreData } from "./generate-procore-data.ts";
export type * from "./types.ts";
