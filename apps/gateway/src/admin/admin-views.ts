/**
 * The records the admin API answers with and the CLI prints with --json: store records with
 * dates as ISO text and without anything secret (connections carry secret names, API keys
 * their prefix). One shape for both doors, so a script can move from one to the other.
 */
import type { EntitySetDef } from "@headgate/model";
import type { ApiKey, ApiKeyScope, AuditEntry, Connection, JsonObject } from "@headgate/store";

export interface ConnectionView {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly settings: JsonObject;
  readonly secretNames: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ApiKeyView {
  readonly id: string;
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  readonly prefix: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface AuditEntryView {
  readonly id: string;
  readonly at: string;
  readonly keyId: string | null;
  /** The key's name, when the key still exists. */
  readonly keyName: string | null;
  readonly door: string;
  readonly entitySet: string | null;
  readonly query: string;
  readonly pushed: string | null;
  readonly residual: string | null;
  readonly upstreamCalls: number;
  readonly rows: number;
  readonly bytes: number;
  readonly durationMs: number;
  readonly outcome: string;
  readonly errorCode: string | null;
}

export interface EntitySetSummary {
  readonly name: string;
  readonly description: string | null;
  readonly key: readonly string[];
  readonly propertyCount: number;
  readonly navigationCount: number;
  /** Properties a query must filter on (eq or in) to list this set. */
  readonly requiredFilter: readonly string[];
}

export function connectionView(connection: Connection): ConnectionView {
  return {
    id: connection.id,
    name: connection.name,
    kind: connection.kind,
    settings: connection.settings,
    secretNames: connection.secretNames,
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
  };
}

export function apiKeyView(key: ApiKey): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    scopes: key.scopes,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

export function auditEntryView(entry: AuditEntry, keyNames: ReadonlyMap<string, string>): AuditEntryView {
  return {
    id: entry.id,
    at: entry.at.toISOString(),
    keyId: entry.keyId,
    keyName: entry.keyId === null ? null : (keyNames.get(entry.keyId) ?? null),
    door: entry.door,
    entitySet: entry.entitySet,
    query: entry.query,
    pushed: entry.pushed,
    residual: entry.residual,
    upstreamCalls: entry.upstreamCalls,
    rows: entry.rows,
    bytes: entry.bytes,
    durationMs: entry.durationMs,
    outcome: entry.outcome,
    errorCode: entry.errorCode,
  };
}

export function entitySetSummary(entitySet: EntitySetDef): EntitySetSummary {
  const type = entitySet.entityType;
  return {
    name: entitySet.name,
    description: entitySet.description ?? type.description ?? null,
    key: type.key,
    propertyCount: type.properties.length,
    navigationCount: type.navigation.length,
    requiredFilter: type.properties.filter((p) => p.capabilities.requiredInFilter).map((p) => p.name),
  };
}
