/**
 * Where a scan is kept in the shared cache: the connection, whose data it is (the connector's
 * credential scope), the entity set, and a digest of the exact request pushed to the connector.
 * Two requests share an entry only when the connector would receive the same request, so a
 * cached answer is the answer the upstream would give. Nothing secret goes into a key.
 */
import { createHash } from "node:crypto";
import type { ScanSpec } from "@headgate/connector-kit";

export interface ScanKeyScope {
  /** The workspace and connection, e.g. `ws_1/procore`. */
  readonly connection: string;
  /** The connector's `cacheScope` (a per-user credential's own scope), or "" for the connection's. */
  readonly credential: string;
}

export function scanCacheKey(scope: ScanKeyScope, spec: ScanSpec): string {
  return `scan:${scope.connection}:${scope.credential}:${spec.entitySet}:${digest(canonicalSpec(spec))}`;
}

/** The request's parts in a fixed order; ASTs hold no positions, so equal requests print alike. */
function canonicalSpec(spec: ScanSpec): string {
  const parts = [
    spec.entitySet,
    spec.filter ?? null,
    spec.search ?? null,
    spec.orderBy ?? null,
    spec.select ?? null,
    spec.top ?? null,
    spec.skip ?? null,
    spec.count ?? false,
    spec.aggregation ?? null,
  ];
  return JSON.stringify(parts, (_key, value) => (typeof value === "bigint" ? `${value}n` : value));
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("base64url").slice(0, 32);
}
