export { OOB_REDIRECT_URI } from "./auth/authorization-codes.ts";
export { AUTHORIZATION_CODE_ENDPOINT } from "./auth/oauth-routes.ts";
export type { ProcoreCredentials } from "./credentials.ts";
export { DEFAULT_PROCORE_CREDENTIALS, readProcoreCredentials } from "./credentials.ts";
export type { ProcoreSimulatorDefinition, ProcoreSimulatorOptions } from "./procore-simulator.ts";
export { procoreSimulator } from "./procore-simulator.ts";
