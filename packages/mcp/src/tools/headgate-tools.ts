/**
 * Every Headgate tool, in its fixed order (it helps prompt caching): discover, describe, query,
 * get, explain, then the deep-research pair search/fetch. Both the SDK server and the direct
 * tool-call lane take their tools from here.
 */
import { registerCatalogTools } from "./catalog-tools.ts";
import { registerEntityTools } from "./entity-tools.ts";
import { registerQueryTool } from "./query-entity-set.ts";
import { registerSearchFetchTools } from "./search-fetch-tools.ts";
import type { ToolRegistrar } from "./tool-registrar.ts";

export function declareHeadgateTools(registrar: ToolRegistrar): void {
  registerCatalogTools(registrar);
  registerQueryTool(registrar);
  registerEntityTools(registrar);
  registerSearchFetchTools(registrar);
}
