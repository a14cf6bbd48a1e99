/**
 * Server-driven paging as Graph does it for SharePoint: a page of at most `$top` (or the default)
 * items, and while more remain an `@odata.nextLink` that repeats the request's own query options
 * with an opaque `$skiptoken` appended. The token is SharePoint's `Paged=TRUE&p_ID={last id}`,
 * base64url-encoded: it names the last item served, so a page resumes after it.
 */
import type { FastifyRequest } from "fastify";
import { invalidRequest } from "../graph-error.ts";

export interface PageLimits {
  readonly defaultSize: number;
  readonly maxSize: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextLink?: string;
}

export function paginate<T>(
  request: FastifyRequest,
  all: readonly T[],
  keyOf: (item: T) => string,
  options: { readonly top?: number; readonly skipToken?: string },
  limits: PageLimits,
): Page<T> {
  const start = options.skipToken === undefined ? 0 : resumeIndex(all, keyOf, options.skipToken);
  const size = Math.max(1, Math.min(options.top ?? limits.defaultSize, limits.maxSize));
  const items = all.slice(start, start + size);
  const last = items[items.length - 1];
  if (start + size >= all.length || last === undefined) return { items };
  return { items, nextLink: nextLink(request, encodeSkipToken(keyOf(last))) };
}

function encodeSkipToken(key: string): string {
  return Buffer.from(`Paged=TRUE&p_ID=${key}`).toString("base64url");
}

function resumeIndex<T>(all: readonly T[], keyOf: (item: T) => string, token: string): number {
  const match = /^Paged=TRUE&p_ID=(.+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  const index = match ? all.findIndex((item) => keyOf(item) === match[1]) : -1;
  if (index < 0) throw invalidRequest("The provided skip token is not valid for this request.");
  return index + 1;
}

/** The request's own URL (same host, path and options) with `$skiptoken` replaced. */
function nextLink(request: FastifyRequest, token: string): string {
  const [path, query = ""] = request.url.split("?", 2) as [string, string?];
  const kept = query.split("&").filter((part) => part.length > 0 && !/^(\$|%24)?skiptoken=/i.test(part));
  kept.push(`$skiptoken=${token}`);
  return `${request.protocol}://${request.headers.host}${path}?${kept.join("&")}`;
}
