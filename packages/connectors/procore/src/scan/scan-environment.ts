/**
 * What every scan of one connection shares: the wire client, the company, the fan-out width,
 * the page size, and the lookups a scan needs before it can list records (the company's project
 * ids, cached for a while; the budget view BudgetRows reads).
 */
import {
  followLinkPages,
  type HttpClient,
  type RequestContext,
  UpstreamError,
} from "@headgate/connector-kit";
import type { ProcoreConnectorOptions } from "../procore-options.ts";
import { asRecords } from "./procore-records.ts";

export interface ScanEnvironment {
  readonly client: HttpClient;
  readonly companyId: number;
  readonly concurrency: number;
  readonly maxPerPage: number;
  projectIds(ctx: RequestContext): Promise<readonly number[]>;
  budgetViewId(projectId: number, ctx: RequestContext): Promise<number>;
  /** Whether BudgetRows' budget view is known (configured, or already looked up). */
  knowsBudgetView(): boolean;
}

export function scanEnvironment(client: HttpClient, options: ProcoreConnectorOptions): ScanEnvironment {
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
    knowsBudgetView: () => options.budgetViewId !== undefined || budgetView !== undefined,
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
