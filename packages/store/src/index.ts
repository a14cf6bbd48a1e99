export type { ApiKeyScope } from "./api-keys/api-key-input.ts";
export { API_KEY_SCOPES } from "./api-keys/api-key-input.ts";
export type { ApiKey, ApiKeyPrincipal, CreatedApiKey } from "./api-keys/api-key-repository.ts";
export { ApiKeyRepository, LAST_USED_RESOLUTION_MS } from "./api-keys/api-key-repository.ts";
export type {
  AuditDoor,
  AuditEntry,
  AuditOutcome,
  LegacyAuditDoor,
  NewAuditEntry,
  RecordedAuditDoor,
} from "./audit/audit-entry.ts";
export {
  AUDIT_DOORS,
  AUDIT_OUTCOMES,
  isRecordedAuditDoor,
  LEGACY_AUDIT_DOORS,
  RECORDED_AUDIT_DOORS,
} from "./audit/audit-entry.ts";
export type { AuditQuery } from "./audit/audit-repository.ts";
export { AuditRepository } from "./audit/audit-repository.ts";
export type { SecretsPatch } from "./connections/connection-input.ts";
export type {
  Connection,
  ConnectionUpdate,
  NewConnection,
  RevealedSecrets,
} from "./connections/connection-repository.ts";
export { ConnectionRepository } from "./connections/connection-repository.ts";
export type { JsonObject, JsonValue } from "./connections/json-value.ts";
export type { DatabaseKind } from "./database/database-location.ts";
export { STORE_TABLES } from "./database/migrations.ts";
export { REDACTED } from "./encryption/redaction.ts";
export type { SecretKeyRotation } from "./encryption/rotate-secret-key.ts";
export { SECRET_KEY_VARIABLE } from "./encryption/secret-key.ts";
export type { StoreErrorCode } from "./errors.ts";
export { StoreError } from "./errors.ts";
export type { GrantOpening, GrantRotation, NewOAuthGrant } from "./oauth-grants/oauth-grant-repository.ts";
export { OAuthGrantRepository } from "./oauth-grants/oauth-grant-repository.ts";
export type { OAuthTokens, StoredOAuthTokens, TokenRotation } from "./oauth-tokens/oauth-token-repository.ts";
export { OAuthTokenRepository } from "./oauth-tokens/oauth-token-repository.ts";
export type { OpenStoreOptions } from "./open-store.ts";
export { openStore } from "./open-store.ts";
export type { EncryptionStatus } from "./store.ts";
export { Store } from "./store.ts";
export type { Workspace } from "./workspaces/workspace-repository.ts";
export { WorkspaceRepository } from "./workspaces/workspace-repository.ts";
