/**
 * The Headgate MCP server: a few well-described read-only tools over one workspace's engine,
 * schemas as resources, and starter prompts. Transport-agnostic: the gateway serves a fresh one
 * per HTTP request (stateless, both protocol eras); the CLI serves one over stdio.
 *
 * Tool order is fixed (it helps prompt caching): discover, describe, query, get, explain, then
 * the deep-research pair search/fetch.
 */
import { McpServer } from "@modelcontextprotocol/server";
import { DEFAULT_RESULT_BUDGET, type McpServerOptions, type ResultBudget } from "./options.ts";
import { registerStarterPrompts } from "./prompts/starter-prompts.ts";
import { registerEntitySetResources } from "./resources/entity-set-resources.ts";
import { registerCatalogTools } from "./tools/catalog-tools.ts";
import { registerEntityTools } from "./tools/entity-tools.ts";
import { registerQueryTool } from "./tools/query-entity-set.ts";
import { registerSearchFetchTools } from "./tools/search-fetch-tools.ts";
import type { ToolDeps } from "./tools/tool-deps.ts";

const INSTRUCTIONS =
  "Headgate answers read-only OData queries over a company's business systems. Call list_entity_sets, " +
  "then describe_entity_set, then query_entity_set (filter with pushed-down properties, select only what you need, " +
  "aggregate with apply). Results are JSON; a cut result carries a cursor to continue.";

export function createMcpServer(options: McpServerOptions): McpServer {
  const server = new McpServer(options.serverInfo ?? { name: "headgate", version: "0.1.0" }, {
    capabilities: { tools: {}, resources: {}, prompts: {}, completions: {} },
    instructions: INSTRUCTIONS,
  });
  const deps = toolDeps(options);
  registerCatalogTools(server, deps);
  registerQueryTool(server, deps);
  registerEntityTools(server, deps);
  registerSearchFetchTools(server, deps);
  registerEntitySetResources(server, options.engine);
  registerStarterPrompts(server);
  return server;
}

function toolDeps(options: McpServerOptions): ToolDeps {
  const budget: ResultBudget = { ...DEFAULT_RESULT_BUDGET, ...options.budget };
  const root = options.odataRoot?.replace(/\/+$/, "");
  return {
    engine: options.engine,
    budget,
    report: (outcome) => {
      try {
        options.onQuery?.(outcome);
      } catch {
        // Auditing must never change an answer.
      }
    },
    progressIntervalMs: options.progressIntervalMs ?? 2000,
    urlOf: (id) => (root ? `${root}/${encodeURI(id)}` : `headgate://entities/${encodeURI(id)}`),
  };
}
