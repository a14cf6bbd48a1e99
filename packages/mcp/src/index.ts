export { createMcpServer } from "./create-mcp-server.ts";
export { answerToolCallDirectly } from "./direct-calls/answer-tool-call.ts";
export type { McpHttpRequest } from "./direct-calls/eligible-tool-call.ts";
export type { DirectAnswer } from "./direct-calls/encode-tool-answer.ts";
export {
  DEFAULT_RESULT_BUDGET,
  type McpQueryOutcome,
  type McpServerOptions,
  type ResultBudget,
} from "./options.ts";
export { CATALOG_URI } from "./resources/entity-set-resources.ts";
export { entityId, parseEntityId } from "./schema/entity-id.ts";
