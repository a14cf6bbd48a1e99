/**
 * The direct tool-call lane: answers a stateless HTTP `tools/call` without building an SDK server
 * for it. The SDK's stateless serving builds a server, registers every tool, connects a
 * transport and validates each message with zod on every request, which cost more than the
 * query itself (`pnpm bench mcp-vs-rest`). The lane runs the same declared tool with the same
 * argument parsing, and answers exactly as the SDK would (pinned by
 * `answer-tool-call.test.ts`); what it is not sure of it leaves to the SDK (`undefined`).
 */
import { type McpServerOptions, serverInfoOf } from "../options.ts";
import { declareHeadgateTools } from "../tools/headgate-tools.ts";
import { toolDepsOf } from "../tools/tool-deps.ts";
import { toolTable } from "../tools/tool-registrar.ts";
import { eligibleToolCall, type McpHttpRequest } from "./eligible-tool-call.ts";
import { type DirectAnswer, encodeToolAnswer } from "./encode-tool-answer.ts";

const TOOLS = toolTable(declareHeadgateTools);

export async function answerToolCallDirectly(
  options: McpServerOptions,
  request: McpHttpRequest,
  signal: AbortSignal,
): Promise<DirectAnswer | undefined> {
  const call = eligibleToolCall(request, (name) => TOOLS.has(name));
  if (call === undefined) return undefined;
  const tool = TOOLS.get(call.name);
  if (tool === undefined) return undefined;
  const args = tool.config.inputSchema.safeParse(call.arguments);
  // The SDK words argument errors its own way; let it.
  if (!args.success) return undefined;
  // A declared tool never throws: a failure is its `isError` answer (`guardedRun`).
  const result = await tool.run(args.data, { deps: toolDepsOf(options), signal });
  return encodeToolAnswer(call, result, serverInfoOf(options));
}
