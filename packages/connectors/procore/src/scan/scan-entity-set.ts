/**
 * One scan of a Procore entity set: translate the pushed filter, pick the projects, read their
 * pages (Procore-sorted and streamed when one endpoint can give the exact order, otherwise
 * gathered and sorted here), check rows against the exact pushed filter, apply top/skip, and
 * report the count from Procore's `Total` headers when Procore evaluated the whole filter.
 */
import {
  followLinkPages,
  type RequestContext,
  type ScanPage,
  type ScanRequest,
} from "@headgate/connector-kit";
import type { Row } from "@headgate/model";
import type { Endpoint, ProcoreEntitySet } from "../entity-sets/procore-entity-set.ts";
import { compilePushedFilter } from "../pushdown/evaluate-pushed.ts";
import { compileSearch } from "../pushdown/evaluate-search.ts";
import { type RequestPlan, translateFilter } from "../pushdown/translate-filter.ts";
import { searchParams } from "../pushdown/translate-search.ts";
import { orderedFanOut } from "./ordered-fan-out.ts";
import { asRecords } from "./procore-records.ts";
import type { ScanEnvironment } from "./scan-environment.ts";
import { sortParams, sortRowsBy } from "./sort-rows.ts";

interface Read {
  readonly set: ProcoreEntitySet;
  readonly params: readonly [string, string][];
  readonly perPage: number;
  readonly check: ((row: Row) => boolean) | undefined;
  /** Stop following pages once this many rows were read (a pushed top with an exact filter). */
  readonly enough?: number;
}

export async function* scanEntitySet(
  set: ProcoreEntitySet,
  request: ScanRequest,
  env: ScanEnvironment,
  ctx: RequestContext,
): AsyncGenerator<ScanPage> {
  const plan = requestPlan(set, request);
  const wantsCount = request.count === true;
  if (plan.empty || request.top === 0) {
    const count = plan.empty
      ? 0
      : wantsCount && plan.exact
        ? await countByTotals(set, plan.params, env, ctx, plan.projects)
        : undefined;
    if (count !== undefined || !wantsCount) {
      yield { rows: [], ...(wantsCount ? { count } : {}) };
      return;
    }
  }
  const projects: readonly (number | undefined)[] =
    set.scope === "company" ? [undefined] : (plan.projects ?? (await env.projectIds(ctx)));
  const order = request.orderBy ?? [];
  const upstreamSort = sortParams(set.sort, order);
  const streamable =
    order.length === 0 || (projects.length === 1 && set.endpoints.length === 1 && upstreamSort !== undefined);
  const skip = request.skip ?? 0;
  const top = request.top;
  const sized = top !== undefined && plan.exact && streamable;
  const read: Read = {
    set,
    params: [...plan.params, ...(upstreamSort ?? [])],
    perPage: sized ? Math.max(1, Math.min(skip + top, env.maxPerPage)) : env.maxPerPage,
    check: rowCheck(request, set),
    ...(sized && projects.length === 1 && set.endpoints.length === 1 ? { enough: skip + top } : {}),
  };
  const count =
    wantsCount && plan.exact ? await countByTotals(set, plan.params, env, ctx, projects) : undefined;
  const sources = projects.flatMap((projectId) =>
    set.endpoints.map(
      (endpoint) => (signal: AbortSignal) => readPages(read, endpoint, projectId, env, { ...ctx, signal }),
    ),
  );
  const pages = orderedFanOut(sources, env.concurrency, ctx.signal);
  if (!streamable || (wantsCount && count === undefined)) {
    yield* gathered(pages, order, skip, top, wantsCount, count, env.maxPerPage);
    return;
  }
  yield* windowed(pages, skip, top, count);
}

/**
 * The filter's request plan, narrowed by Procore's search where it can narrow `$search`. The rows
 * are always checked against the search, so a search never counts as exact.
 */
export function requestPlan(set: ProcoreEntitySet, request: ScanRequest): RequestPlan {
  const plan = translateFilter(set, request.filter);
  if (!request.search || plan.empty) return plan;
  return { ...plan, params: [...plan.params, ...searchParams(set, request.search)], exact: false };
}

/** The exact pushed filter and search, checked on every row Procore sends. */
function rowCheck(request: ScanRequest, set: ProcoreEntitySet): ((row: Row) => boolean) | undefined {
  const { entityType } = set.definition;
  const filter = request.filter ? compilePushedFilter(request.filter, entityType) : undefined;
  const search = request.search ? compileSearch(request.search, entityType) : undefined;
  if (filter && search) return (row) => filter(row) && search(row);
  return filter ?? search;
}

async function* readPages(
  read: Read,
  endpoint: Endpoint,
  projectId: number | undefined,
  env: ScanEnvironment,
  ctx: RequestContext,
): AsyncGenerator<Row[]> {
  const budgetViewId =
    read.set.needsBudgetView && projectId !== undefined ? await env.budgetViewId(projectId, ctx) : undefined;
  const { path, query } = endpoint.request({
    companyId: env.companyId,
    projectId,
    ...(budgetViewId === undefined ? {} : { budgetViewId }),
  });
  const url = env.client.url(path, [...query, ...read.params, ["per_page", String(read.perPage)]]);
  let fetched = 0;
  for await (const page of followLinkPages(env.client, url, ctx)) {
    const rows = asRecords(page.response.body).map((record) => endpoint.toRow(record, projectId));
    fetched += rows.length;
    yield read.check ? rows.filter(read.check) : rows;
    if (read.enough !== undefined && fetched >= read.enough) return;
  }
}

/** Sum of `Total` headers: one one-row request per project and endpoint. */
async function countByTotals(
  set: ProcoreEntitySet,
  params: readonly [string, string][],
  env: ScanEnvironment,
  ctx: RequestContext,
  named: readonly (number | undefined)[] | undefined,
): Promise<number> {
  const projects = set.scope === "company" ? [undefined] : (named ?? (await env.projectIds(ctx)));
  const sources = projects.flatMap((projectId) =>
    set.endpoints.map(
      (endpoint) =>
        async function* (signal: AbortSignal) {
          const budgetViewId =
            set.needsBudgetView && projectId !== undefined
              ? await env.budgetViewId(projectId, ctx)
              : undefined;
          const { path, query } = endpoint.request({
            companyId: env.companyId,
            projectId,
            ...(budgetViewId === undefined ? {} : { budgetViewId }),
          });
          const response = await env.client.getJson(
            env.client.url(path, [...query, ...params, ["per_page", "1"]]),
            { ...ctx, signal },
          );
          yield Number(response.headers.get("total") ?? asRecords(response.body).length);
        },
    ),
  );
  let total = 0;
  for await (const n of orderedFanOut(sources, env.concurrency, ctx.signal)) total += n;
  return total;
}

async function* gathered(
  pages: AsyncIterable<Row[]>,
  order: NonNullable<ScanRequest["orderBy"]>,
  skip: number,
  top: number | undefined,
  wantsCount: boolean,
  knownCount: number | undefined,
  chunk: number,
): AsyncGenerator<ScanPage> {
  const all: Row[] = [];
  for await (const rows of pages) for (const row of rows) all.push(row);
  if (order.length > 0) sortRowsBy(all, order);
  const count = wantsCount ? (knownCount ?? all.length) : undefined;
  const window = all.slice(skip, top === undefined ? undefined : skip + top);
  for (let start = 0; start === 0 || start < window.length; start += chunk) {
    yield {
      rows: window.slice(start, start + chunk),
      ...(start === 0 && count !== undefined ? { count } : {}),
    };
  }
}

async function* windowed(
  pages: AsyncIterable<Row[]>,
  skip: number,
  top: number | undefined,
  count: number | undefined,
): AsyncGenerator<ScanPage> {
  let toSkip = skip;
  let remaining = top ?? Number.POSITIVE_INFINITY;
  let first = true;
  for await (const rows of pages) {
    let page = rows;
    if (toSkip > 0) {
      const dropped = Math.min(toSkip, page.length);
      page = page.slice(dropped);
      toSkip -= dropped;
    }
    if (page.length > remaining) page = page.slice(0, remaining);
    remaining -= page.length;
    yield { rows: page, ...(first && count !== undefined ? { count } : {}) };
    first = false;
    if (remaining <= 0) return;
  }
  if (first) yield { rows: [], ...(count !== undefined ? { count } : {}) };
}
