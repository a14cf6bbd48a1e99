export type { ConfigIssue } from "./config-error.ts";
export { ConfigError } from "./config-error.ts";
export type {
  ConnectionKind,
  KindSettings,
  SettingFields,
  SettingSpec,
} from "./connection-settings/kind-settings.ts";
export { CONNECTION_KINDS, KIND_SETTINGS } from "./connection-settings/kind-settings.ts";
export type { SettingsPath, SettingsProblem } from "./connection-settings/unknown-settings.ts";
export {
  assertKnownSettings,
  formatPath,
  unknownSettings,
} from "./connection-settings/unknown-settings.ts";
export {
  DURATION_FORMS,
  formatDuration,
  parseDuration,
} from "./durations/parse-duration.ts";
export { loadConfigFile } from "./load-config-file.ts";
export type { ParseOptions } from "./parse-config.ts";
export { parseConfig } from "./parse-config.ts";
export type {
  ClientRateLimit,
  ConnectionConfig,
  HeadgateConfig,
  LimitsConfig,
  PropertyReference,
  RelationshipConfig,
  RequestRateLimit,
  WorkspaceConfig,
} from "./validate-config.ts";
export { DEFAULT_LIMITS } from "./validate-config.ts";
