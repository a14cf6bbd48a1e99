/**
 * `page`/`per_page` paging with Procore's headers: `Total` (items after filtering), `Per-Page`,
 * and `Link` with absolute URLs. As Procore documents it: page 1 links `last` and `next`; page 2
 * adds `first`; from page 3 on `prev` too; the last page has no `next`.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { QueryParams } from "./query-params.ts";

export interface PagingOptions {
  readonly perPageDefault: number;
  readonly perPageMax: number;
}

export interface PageRequest {
  readonly page: number;
  readonly perPage: number;
}

function positiveInt(raw: string | undefined): number | undefined {
  if (raw === undefined || !/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value > 0 ? value : undefined;
}

/** Out-of-range or malformed values fall back the way Rails paginators do: page 1, default size. */
export function pageRequest(query: QueryParams, options: PagingOptions): PageRequest {
  const perPage = Math.min(
    positiveInt(query.value("per_page")) ?? options.perPageDefault,
    options.perPageMax,
  );
  return { page: positiveInt(query.value("page")) ?? 1, perPage };
}

function pageUrl(request: FastifyRequest, page: number, perPage: number): string {
  const params = new URLSearchParams(QueryParams.of(request).params);
  params.delete("page");
  params.delete("per_page");
  params.append("page", String(page));
  params.append("per_page", String(perPage));
  const path = request.url.split("?")[0] ?? "/";
  return `${request.protocol}://${request.host}${path}?${params.toString()}`;
}

export function linkHeader(
  request: FastifyRequest,
  { page, perPage }: PageRequest,
  total: number,
): string | null {
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const links: [string, number][] = [];
  if (page > 1) links.push(["first", 1]);
  if (page > 2) links.push(["prev", Math.min(page - 1, lastPage)]);
  if (lastPage > 1) links.push(["last", lastPage]);
  if (page < lastPage) links.push(["next", page + 1]);
  if (links.length === 0) return null;
  return links.map(([rel, target]) => `<${pageUrl(request, target, perPage)}>; rel="${rel}"`).join(", ");
}

/** The requested page of `items`, with the paging headers set on the reply. */
export function paginate<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  items: readonly T[],
  options: PagingOptions,
): T[] {
  const pageReq = pageRequest(QueryParams.of(request), options);
  reply.header("Total", String(items.length));
  reply.header("Per-Page", String(pageReq.perPage));
  const link = linkHeader(request, pageReq, items.length);
  if (link) reply.header("Link", link);
  const start = (pageReq.page - 1) * pageReq.perPage;
  return items.slice(start, start + pageReq.perPage);
}
