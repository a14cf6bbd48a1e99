/**
 * The Headgate MCP server: a few well-described read-only tools over one workspace's engine,
 * schemas as resources, and starter prompts. Transport-agnostic: the gateway serves a fresh one
 * per HTTP request (stateless, both protocol eras); the CLI serves one over stdio.
 */
import { McpServer } from "@modelcontextprotocol/server";
import { type McpServerOptions, serverInfoOf } from "./options.ts";
import { registerStarterPrompts } from "./prompts/starter-prompts.ts";
import { registerEntitySetResources } from "./resources/entity-set-resources.ts";
import { declareHeadgateTools } from "./tools/headgate-tools.ts";
import { toolDepsOf } from "./tools/tool-deps.ts";
import { sdkToolRegistrar } from "./tools/tool-registrar.ts";

const INSTRUCTIONS =
  "Headgate answers read-only OData queries over a company's business systems. Call list_entity_sets, " +
  "then describe_entity_set, then query_entity_set (filter with pushed-down properties, select only what you need, " +
  "aggregate with apply). Results are JSON; a cut result carries a cursor to continue.";

export function createMcpServer(options: McpServerOptions): McpServer {
  const server = new McpServer(serverInfoOf(options), {
    capabilities: { tools: {}, resources: {}, prompts: {}, completions: {} },
    instructions: INSTRUCTIONS,
  });
  const deps = toolDepsOf(options);
  declareHeadgateTools(sdkToolRegistrar(server, deps));
  registerEntitySetResources(server, deps);
  registerStarterPrompts(server);
  return server;
}
