export type * from "./contract.ts";
export { ALL_CAPABILITIES, NO_CAPABILITIES } from "./contract.ts";
export * from "./http/index.ts";
export { sleep } from "./http/sleep.ts";
export { isPushable, pushableOperators, referencedProperties } from "./pushability.ts";
export { assertScanAdvertised, ScanContractError } from "./scan-validation.ts";
export { ConnectionSettingsError } from "./settings-error.ts";
