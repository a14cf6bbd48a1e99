/**
 * What every tool needs, resolved once per server: the workspace engine, the budget, the audit
 * hook, the host's failure hook, and the one wrapper that times a data call and reports it.
 */
import type { Engine, Explanation } from "@headgate/engine";
import type { CallToolResult } from "@modelcontextprotocol/server";
import {
  DEFAULT_RESULT_BUDGET,
  type McpQueryOutcome,
  type McpServerOptions,
  type ResultBudget,
} from "../options.ts";
import { isCallersMistake, toolFailure } from "../results/tool-result.ts";

export interface ToolDeps {
  readonly engine: () => Promise<Engine>;
  readonly budget: ResultBudget;
  readonly report: (outcome: McpQueryOutcome) => void;
  readonly progressIntervalMs: number;
  /** A url a person can open for an entity id like `Jobs('23-104')`. */
  readonly urlOf: (id: string) => string;
  /**
   * Hands a failure that is not the caller's mistake to the host, which logs it, and returns
   * what the caller is shown; the caller's own mistakes come back as they are.
   */
  readonly reportFailure: (error: unknown) => unknown;
}

export function toolDepsOf(options: McpServerOptions): ToolDeps {
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
    reportFailure: (error) => {
      if (isCallersMistake(error) || options.onFailure === undefined) return error;
      try {
        return options.onFailure(error);
      } catch {
        // A hook that fails leaves the generic InternalError: the answer must still go out.
        return undefined;
      }
    },
  };
}

/** The `isError` answer to a call that threw (`guardedRun` sends every tool failure here). */
export function failedCall(deps: ToolDeps, error: unknown): CallToolResult {
  return toolFailure(deps.reportFailure(error));
}

/** What a data call tells the audit besides its answer. */
export interface Answered {
  readonly result: CallToolResult;
  readonly entitySet?: string;
  readonly plan?: Explanation;
  readonly upstreamCalls?: number;
  readonly rows?: number;
}

export interface Asked {
  readonly tool: string;
  readonly entitySet: string | null;
  readonly query: string;
}

export async function answerAudited(
  deps: ToolDeps,
  asked: Asked,
  work: () => Promise<Answered>,
): Promise<CallToolResult> {
  const started = performance.now();
  try {
    const answered = await work();
    deps.report({
      ...asked,
      entitySet: answered.entitySet ?? asked.entitySet,
      ...(answered.plan ? { plan: answered.plan } : {}),
      upstreamCalls: answered.upstreamCalls ?? 0,
      rows: answered.rows ?? 0,
      bytes: textLength(answered.result),
      durationMs: performance.now() - started,
    });
    return answered.result;
  } catch (error) {
    deps.report({ ...asked, durationMs: performance.now() - started, error });
    throw error;
  }
}

function textLength(result: CallToolResult): number {
  return result.content.reduce((sum, block) => sum + (block.type === "text" ? block.text.length : 0), 0);
}
