/**
 * The Procore connector: nine entity sets over Procore's REST v1 list endpoints. It pushes what
 * Procore evaluates (id and status lists, date ranges, search, sort, per_page), checks every row
 * against the exact pushed filter and `$search`, fans project-scoped sets out over the company's
 * projects in a fixed order, and leaves the rest to the engine.
 */
import {
  type Connector,
  type ConnectorCapabilities,
  type ConnectorStats,
  HttpClient,
  OAuthBearer,
  type ScanPage,
  type ScanRequest,
} from "@headgate/connector-kit";
import type { EntitySetDef } from "@headgate/model";
import { ODataError } from "@headgate/odata";
import { PROCORE_ENTITY_SETS } from "./entity-sets/index.ts";
import type { ProcoreEntitySet } from "./entity-sets/procore-entity-set.ts";
import { PROCORE_NARROWING, procoreBudget, procoreCredentialId } from "./procore-budget.ts";
import type { ProcoreConnectorOptions } from "./procore-options.ts";
import { affectedScans } from "./scan/affected-scans.ts";
import { estimateScan } from "./scan/estimate-scan.ts";
import { readChanges } from "./scan/read-changes.ts";
import { reusableScans } from "./scan/reusable-scans.ts";
import { scanEntitySet } from "./scan/scan-entity-set.ts";
import { scanEnvironment } from "./scan/scan-environment.ts";
import { subscribeProcoreChanges } from "./webhooks/subscribe-procore-changes.ts";
import { PROCORE_WEBHOOK_RESOURCES } from "./webhooks/webhook-resources.ts";

export const PROCORE_CAPABILITIES: ConnectorCapabilities = {
  projection: false,
  filter: true,
  orderBy: true,
  paging: "offset",
  count: true,
  search: true,
  aggregation: false,
};

export interface ProcoreConnector extends Connector {
  readonly client: HttpClient;
}

export function createProcoreConnector(options: ProcoreConnectorOptions): ProcoreConnector {
  const auth = new OAuthBearer({
    tokenUrl: options.oauth.tokenUrl ?? new URL("/oauth/token", options.baseUrl).toString(),
    clientId: options.oauth.clientId,
    clientSecret: options.oauth.clientSecret,
    grant: options.oauth.grant,
    service: "Procore",
    ...(options.tokens ? { tokens: options.tokens } : {}),
    ...(options.oauth.refreshMarginMs === undefined
      ? {}
      : { refreshMarginMs: options.oauth.refreshMarginMs }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const budget = procoreBudget(options);
  const client = new HttpClient({
    baseUrl: options.baseUrl,
    auth,
    service: "Procore",
    headers: { "Procore-Company-Id": String(options.companyId) },
    concurrency: options.concurrency ?? 4,
    requestsPerSecond: options.requestsPerSecond ?? 10,
    timeoutMs: options.timeoutMs ?? 30_000,
    narrowing: PROCORE_NARROWING,
    ...(budget === undefined ? {} : { budget }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const sets = new Map(PROCORE_ENTITY_SETS.map((s) => [s.definition.name, withScope(s, options)] as const));
  const env = scanEnvironment(client, options);
  const setOf = (name: string): ProcoreEntitySet => {
    const set = sets.get(name);
    if (set) return set;
    throw new ODataError({
      code: "UnknownEntitySet",
      status: 404,
      message: `this Procore connection has no entity set '${name}'`,
      target: name,
    });
  };
  const contextOf = (request: Pick<ScanRequest, "signal" | "deadline">, stats?: ConnectorStats) => ({
    signal: request.signal,
    deadline: request.deadline,
    ...(stats ? { stats } : {}),
  });
  return {
    kind: "procore",
    capabilities: PROCORE_CAPABILITIES,
    client,
    // One credential reads one company's data: its scans never share cache entries with another's.
    cacheScope: procoreCredentialId(options),
    async describe(): Promise<readonly EntitySetDef[]> {
      return [...sets.values()].map((s) => s.definition);
    },
    budget: () => client.budget(),
    scan(request: ScanRequest, stats?: ConnectorStats): AsyncIterable<ScanPage> {
      return scanEntitySet(setOf(request.entitySet), request, env, contextOf(request, stats));
    },
    reusableScans: (request, stats) =>
      reusableScans(setOf(request.entitySet), request, env, contextOf(request, stats)),
    estimate: (request, stats) =>
      estimateScan(setOf(request.entitySet), request, env, contextOf(request, stats)),
    changesSince: (spec, since, context, stats) =>
      readChanges(setOf(spec.entitySet), spec, since, env, contextOf(context, stats)),
    affectedScans: async (change) => affectedScans(sets, change),
    subscribeToChanges: (destination) =>
      subscribeProcoreChanges(client, {
        companyId: options.companyId,
        destination,
        resources: [...sets.keys()].flatMap((name) => PROCORE_WEBHOOK_RESOURCES[name] ?? []),
      }),
  };
}

/** With `require-filter`, project-scoped sets demand a `project_id` filter (the engine enforces it). */
function withScope(set: ProcoreEntitySet, options: ProcoreConnectorOptions): ProcoreEntitySet {
  if (set.scope !== "project" || options.projectScope !== "require-filter") return set;
  const properties = set.definition.entityType.properties.map((p) =>
    p.name === "project_id" ? { ...p, capabilities: { ...p.capabilities, requiredInFilter: true } } : p,
  );
  return {
    ...set,
    definition: { ...set.definition, entityType: { ...set.definition.entityType, properties } },
  };
}
