export { PROCORE_ENTITY_SETS } from "./entity-sets/index.ts";
export type { ProcoreEntitySet } from "./entity-sets/procore-entity-set.ts";
export type { ProcoreConnector } from "./procore-connector.ts";
export { createProcoreConnector, PROCORE_CAPABILITIES } from "./procore-connector.ts";
export type { ProcoreConnectorOptions } from "./procore-options.ts";
