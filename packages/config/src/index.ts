export type { ConfigIssue } from "./config-error.ts";
export { ConfigError } from "./config-error.ts";
export { loadConfigFile } from "./load-config-file.ts";
export type { ParseOptions } from "./parse-config.ts";
export { parseConfig } from "./parse-config.ts";
export type {
  ConnectionConfig,
  ConnectionKind,
  HeadgateConfig,
  LimitsConfig,
  PropertyReference,
  RelationshipConfig,
  WorkspaceConfig,
} from "./validate-config.ts";
export { CONNECTION_KINDS, DEFAULT_LIMITS } from "./validate-config.ts";
