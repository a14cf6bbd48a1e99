export { JOBS, jobRows } from "./fixture.ts";
export type { AllPages } from "./read-all-pages.ts";
export { readAllPages, sortRows } from "./read-all-pages.ts";
