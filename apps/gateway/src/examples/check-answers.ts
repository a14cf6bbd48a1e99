/**
 * What an example's answer must show: a success, and rows wherever the request asks for rows
 * (a collection, a page, a count, a lookup, a search). An example that answers nothing on the
 * demo teaches nothing, so an empty answer is a failure unless the example asked for no rows
 * (`top` 0).
 */
import type { ToolAnswer } from "../mcp/mcp-test-clients.ts";
import { http } from "../testing/http.ts";

/** Sends one request example with the key; answers what is wrong with the answer, if anything. */
export async function requestProblem(base: string, key: string, path: string): Promise<string | undefined> {
  const url = new URL(`${base}${path}`);
  const answer = await http(url.href, { key });
  if (answer.status !== 200) return `${answer.status}: ${answer.text.slice(0, 300)}`;
  const route = url.pathname.replace(/%24/g, "$");
  const asksNoRows = ["$top", "top"].some((name) => url.searchParams.get(name) === "0");
  const body = answer.body;
  if (route === "/odata" || route === "/odata/" || route.startsWith("/odata/$metadata")) return undefined;
  if (route.startsWith("/odata/")) {
    if (route.endsWith("/$count")) return Number(answer.text) > 0 ? undefined : `counted ${answer.text}`;
    if (decodeURIComponent(route).endsWith(")")) return body?.["@odata.context"] ? undefined : "no entity";
    return asksNoRows || (body?.value?.length ?? 0) > 0 ? undefined : "no rows";
  }
  if (/^\/api\/entity-sets\/?$/.test(route))
    return (body?.entitySets?.length ?? 0) > 0 ? undefined : "no entity sets";
  if (/^\/api\/entity-sets\/[^/]+\/rows\/[^/]+$/.test(route)) return body?.row ? undefined : "no row";
  if (/^\/api\/entity-sets\/[^/]+\/rows\/?$/.test(route))
    return (asksNoRows ? body?.count > 0 : (body?.rows?.length ?? 0) > 0) ? undefined : "no rows";
  if (/^\/api\/entity-sets\/[^/]+$/.test(route)) return body?.name ? undefined : "no description";
  return `not a request the examples check knows: ${route}`;
}

/** What is wrong with a tool's answer to an example call, if anything. */
export function toolAnswerProblem(
  tool: string,
  args: Readonly<Record<string, unknown>>,
  answer: ToolAnswer,
): string | undefined {
  if (answer.isError) return `error: ${answer.text.slice(0, 300)}`;
  const found = answer.structured;
  switch (tool) {
    case "query_entity_set":
      return args.top === 0 || (found?.rows?.length ?? 0) > 0 ? undefined : "no rows";
    case "get_entity":
      return found?.entity ? undefined : "no entity";
    case "search":
      return (found?.results?.length ?? 0) > 0 ? undefined : "nothing found";
    case "fetch":
      return found?.id ? undefined : "nothing fetched";
    default:
      return undefined;
  }
}
