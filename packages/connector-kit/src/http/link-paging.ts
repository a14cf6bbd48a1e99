/**
 * Paging by `Link: <...>; rel="next"` (Procore, GitHub-style APIs): fetch a page, yield it, follow
 * `next` until there is none. `Total` (when sent) is passed along for counts.
 */
import type { HttpClient, JsonResponse, RequestContext } from "./http-client.ts";
import { parseLinkHeader } from "./link-header.ts";

export interface LinkedPage {
  readonly response: JsonResponse;
  /** The `Total` header: matching items over all pages. */
  readonly total: number | undefined;
  readonly hasNext: boolean;
}

export async function* followLinkPages(
  client: HttpClient,
  first: URL,
  ctx: RequestContext,
  maxPages = 100_000,
): AsyncGenerator<LinkedPage> {
  let url: URL | undefined = first;
  for (let pages = 0; url && pages < maxPages; pages++) {
    const response = await client.getJson(url, ctx);
    const next = parseLinkHeader(response.headers.get("link")).get("next");
    const totalHeader = response.headers.get("total");
    const total = totalHeader === null || totalHeader.trim() === "" ? undefined : Number(totalHeader);
    yield { response, total: Number.isFinite(total) ? total : undefined, hasNext: next !== undefined };
    url = next === undefined ? undefined : client.url(next);
  }
}
