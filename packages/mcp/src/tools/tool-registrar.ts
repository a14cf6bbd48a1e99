/**
 * How a Headgate tool is declared, apart from who serves it: the SDK's `McpServer` (stdio, and
 * every HTTP request the direct lane leaves to the SDK) or the direct tool-call lane
 * (`direct-calls/`). One declaration feeds both, so they cannot disagree on a tool's name,
 * schemas or behaviour.
 */
import type { CallToolResult, McpServer, ServerContext, ToolAnnotations } from "@modelcontextprotocol/server";
import type * as z from "zod";

/** What a running tool may use of its call: cancellation, and progress when it was asked for. */
export interface ToolCall {
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

export function sdkToolRegistrar(server: McpServer): ToolRegistrar {
  return {
    tool(name, config, run) {
      // The SDK parses the arguments with `inputSchema` before calling back, as the lane does.
      const parsedRun = run as DeclaredTool["run"];
      const anyConfig: ToolConfig<z.ZodType> = config;
      server.registerTool(name, anyConfig, (args: unknown, ctx: ServerContext) =>
        parsedRun(args, toolCallOf(ctx)),
      );
    },
  };
}

/** The tools a declaration makes, by name, in declaration order. */
export function toolTable(declare: (registrar: ToolRegistrar) => void): ReadonlyMap<string, DeclaredTool> {
  const table = new Map<string, DeclaredTool>();
  declare({
    tool(name, config, run) {
      table.set(name, { name, config, run: run as DeclaredTool["run"] });
    },
  });
  return table;
}

function toolCallOf(ctx: ServerContext): ToolCall {
  const token = ctx.mcpReq._meta?.progressToken;
  if (token === undefined) return { signal: ctx.mcpReq.signal };
  return {
    signal: ctx.mcpReq.signal,
    reportProgress: (progress, message) => {
      ctx.mcpReq
        .notify({ method: "notifications/progress", params: { progressToken: token, progress, message } })
        .catch(() => {});
    },
  };
}
