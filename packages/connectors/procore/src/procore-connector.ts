/**
 * The Procore connector: nine entity sets over Procore's REST v1 list endpoints. It pushes what
 * Procore evaluates (id and status lists, date ranges, sort, per_page), checks every row against
 * the exact pushed filter, fans project-scoped sets out over the company's projects in a fixed
 * order, and leaves the rest to the engine.
 */
import {
  type Connector,
  type ConnectorCapabilities,
  type ConnectorStats,
  followLinkPages,
  HttpClient,
  OAuthBearer,
  type RequestContext,
  type ScanPage,
  type ScanRequest,
  UpstreamError,
} from "@headgate/connector-kit";
import type { EntitySetDef } from "@headgate/model";
import { ODataError } from "@headgate/odata";
import { PROCORE_ENTITY_SETS } from "./entity-sets/index.ts";
import type { ProcoreEntitySet } from "./entity-sets/procore-entity-set.ts";
import type { ProcoreConnectorOptions } from "./procore-options.ts";
import { scanEntitySet } from "./scan/scan-entity-set.ts";

export const PROCORE_CAPABILITIES: ConnectorCapabilities = {
  projection: false,
  filter: true,
  orderBy: true,
  paging: "offset",
  count: true,
  search: false,
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
  const client = new HttpClient({
    baseUrl: options.baseUrl,
    auth,
    service: "Procore",
    headers: { "Procore-Company-Id": String(options.companyId) },
    concurrency: options.concurrency ?? 4,
    requestsPerSecond: options.requestsPerSecond ?? 10,
    timeoutMs: options.timeoutMs ?? 30_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const sets = new Map(PROCORE_ENTITY_SETS.map((s) => [s.definition.name, withScope(s, options)] as const));
  const env = scanEnvironment(client, options);
  return {
    kind: "procore",
    capabilities: PROCORE_CAPABILITIES,
    client,
    async describe(): Promise<readonly EntitySetDef[]> {
      return [...sets.values()].map((s) => s.definition);
    },
    scan(request: ScanRequest, stats?: ConnectorStats): AsyncIterable<ScanPage> {
      const set = sets.get(request.entitySet);
      if (!set)
        throw new ODataError({
          code: "UnknownEntitySet",
          status: 404,
          message: `this Procore connection has no entity set '${request.entitySet}'`,
          target: request.entitySet,
        });
      const ctx: RequestContext = {
        signal: request.signal,
        deadline: request.deadline,
        ...(stats ? { stats } : {}),
      };
      return scanEntitySet(set, request, env, ctx);
    },
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

export interface ScanEnvironment {
  readonly client: HttpClient;
  readonly companyId: number;
  readonly concurrency: number;
  readonly maxPerPage: number;
  projectIds(ctx: RequestContext): Promise<readonly number[]>;
  budgetViewId(projectId: number, ctx: RequestContext): Promise<number>;
}

function scanEnvironment(client: HttpClient, options: ProcoreConnectorOptions): ScanEnvironment {
  let projects: { ids: Promise<readonly number[]>; at: number } | undefined;
  let budgetView: Promise<number> | undefined;
  const ttl = options.projectListTtlMs ?? 60_000;
  const env: ScanEnvironment = {
    client,
    companyId: options.companyId,
    concurrency: options.concurrency ?? 4,
    maxPerPage: options.maxPerPage ?? 1000,
    projectIds(ctx) {
      if (!projects || Date.now() - projects.at > ttl) {
        const ids = listProjectIds(env, ctx);
        projects = { ids, at: Date.now() };
        ids.catch(() => {
          projects = undefined;
        });
      }
      return projects.ids;
    },
    budgetViewId(projectId, ctx) {
      if (options.budgetViewId !== undefined) return Promise.resolve(options.budgetViewId);
      budgetView ??= firstBudgetView(env, projectId, ctx);
      budgetView.catch(() => {
        budgetView = undefined;
      });
      return budgetView;
    },
  };
  return env;
}

async function listProjectIds(env: ScanEnvironment, ctx: RequestContext): Promise<readonly number[]> {
  const url = env.client.url("/rest/v1.0/projects", [
    ["company_id", String(env.companyId)],
    ["filters[by_status]", "All"],
    ["per_page", String(env.maxPerPage)],
  ]);
  const ids: number[] = [];
  for await (const page of followLinkPages(env.client, url, ctx)) {
    for (const record of asRecords(page.response.body))
      if (typeof record.id === "number") ids.push(record.id);
  }
  return ids.sort((a, b) => a - b);
}

async function firstBudgetView(
  env: ScanEnvironment,
  projectId: number,
  ctx: RequestContext,
): Promise<number> {
  const response = await env.client.getJson(
    env.client.url("/rest/v1.0/budget_views", [["project_id", String(projectId)]]),
    ctx,
  );
  const id = asRecords(response.body)[0]?.id;
  if (typeof id !== "number")
    throw new UpstreamError(
      "body",
      "Procore lists no budget view for this company; BudgetRows needs one (set budgetViewId).",
    );
  return id;
}

export function asRecords(body: unknown): Record<string, unknown>[] {
  const list = Array.isArray(body)
    ? body
    : typeof body === "object" && body !== null && Array.isArray((body as { data?: unknown }).data)
      ? (body as { data: unknown[] }).data
      : undefined;
  if (!list)
    throw new UpstreamError("body", "Procore answered a list request with something that is not a list.");
  return list.filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null);
}
