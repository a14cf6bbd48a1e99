export { createMcpServer } from "./create-mcp-server.ts";
export {
  DEFAULT_RESULT_BUDGET,
  type McpQueryOutcome,
  type McpServerOptions,
  type ResultBudget,
} from "./options.ts";
export { CATALOG_URI } from "./resources/entity-set-resources.ts";
export { entityId, parseEntityId } from "./schema/entity-id.ts";
