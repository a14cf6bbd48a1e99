/**
 * How a Headgate tool is declared, apart from who serves it: the SDK's `McpServer` (stdio, and
 * every HTTP request the direct lane leaves to the SDK) or the direct tool-call lane
 * (`direct-calls/`). One declaration feeds both, so they cannot disagree on a tool's name,
 * schemas or behaviour.
 */
import type { CallToolResult, McpServer, ServerContext, ToolAnnotations } from "@modelcontextprotocol/server";
import type * as z from "zod";
import { failedCall, type ToolDeps } from "./tool-deps.ts";

/**
 * What a running tool gets with its arguments: the caller's workspace (engine, budget, audit),
 * cancellation, and progress when it was asked for. Tools are declared once, not per caller.
 */
export interface ToolCall {
  readonly deps: ToolDeps;
  readonly signal: AbortSignal;
  /** Present only when the caller sent a progress token. */
  readonly reportProgress?: (progress: number, message: string) => void;
}

export interface ToolConfig<In extends z.ZodType> {
  readonly title: string;
  readonly description: string;
  readonly inputSchema: In;
  readonly outputSchema: z.ZodType;
  readonly annotations: ToolAnnotations;
}

export type ToolRun<In extends z.ZodType> = (args: z.output<In>, call: ToolCall) => Promise<CallToolResult>;

export interface ToolRegistrar {
  tool<In extends z.ZodType>(name: string, config: ToolConfig<In>, run: ToolRun<In>): void;
}

/** A declared tool as the direct lane holds it: `run` takes what `inputSchema` parsed. */
export interface DeclaredTool {
  readonly name: string;
  readonly config: ToolConfig<z.ZodType>;
  readonly run: (args: unknown, call: ToolCall) => Promise<CallToolResult>;
}

export function sdkToolRegistrar(server: McpServer, deps: ToolDeps): ToolRegistrar {
  return {
    tool(name, config, run) {
      // The SDK parses the arguments with `inputSchema` before calling back, as the lane does.
      const parsedRun = guardedRun(run as DeclaredTool["run"]);
      const anyConfig: ToolConfig<z.ZodType> = config;
      server.registerTool(name, anyConfig, (args: unknown, ctx: ServerContext) =>
        parsedRun(args, toolCallOf(ctx, deps)),
      );
    },
  };
}

/** The tools a declaration makes, by name, in declaration order. */
export function toolTable(declare: (registrar: ToolRegistrar) => void): ReadonlyMap<string, DeclaredTool> {
  const table = new Map<string, DeclaredTool>();
  declare({
    tool(name, config, run) {
      table.set(name, { name, config, run: guardedRun(run as DeclaredTool["run"]) });
    },
  });
  return table;
}

/**
 * A tool that throws answers with an `isError` result shown through the host's failure hook,
 * in either lane. Left to the SDK, a throw would reach the model as its raw message (a driver's
 * text, say) and never be logged.
 */
function guardedRun(run: DeclaredTool["run"]): DeclaredTool["run"] {
  return async (args, call) => {
    try {
      return await run(args, call);
    } catch (error) {
      return failedCall(call.deps, error);
    }
  };
}

function toolCallOf(ctx: ServerContext, deps: ToolDeps): ToolCall {
  const token = ctx.mcpReq._meta?.progressToken;
  if (token === undefined) return { deps, signal: ctx.mcpReq.signal };
  return {
    deps,
    signal: ctx.mcpReq.signal,
    reportProgress: (progress, message) => {
      ctx.mcpReq
        .notify({ method: "notifications/progress", params: { progressToken: token, progress, message } })
        .catch(() => {});
    },
  };
}
