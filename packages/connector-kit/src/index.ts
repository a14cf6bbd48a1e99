export type * from "./contract.ts";
export { ALL_CAPABILITIES, NO_CAPABILITIES } from "./contract.ts";
