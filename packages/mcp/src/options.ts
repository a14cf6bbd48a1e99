/**
 * What a caller hands `createMcpServer`: the engine of the caller's workspace, the result budget,
 * and a hook to hear about every query (the gateway audits through it). The MCP package knows
 * neither HTTP nor the store, so everything door-specific arrives here.
 */
import type { Engine, Explanation } from "@headgate/engine";
import type { ODataError } from "@headgate/odata";

export interface ResultBudget {
  /**
   * Most tokens one tool result may take, counted conservatively (3 characters per token of
   * the text the model reads). Default 20,000: under Claude Code's 25,000-token limit.
   */
  readonly maxResultTokens: number;
  /** Most rows one `query_entity_set` call fetches before the budget cut (default 100). */
  readonly maxPageSize: number;
  /**
   * Past this many ms a query answers with the rows it is sure of, a cursor and a notice saying
   * why (a cold read of a metered upstream goes on into the cache meanwhile), instead of running
   * into the query's time limit. Default 25 s: under the engine's 30 s and clients' patience.
   */
  readonly softDeadlineMs?: number;
}

export const DEFAULT_RESULT_BUDGET: ResultBudget = {
  maxResultTokens: 20_000,
  maxPageSize: 100,
  softDeadlineMs: 25_000,
};

/** One answered or refused data question, for auditing. */
export interface McpQueryOutcome {
  readonly tool: string;
  readonly entitySet: string | null;
  /** The question in canonical OData text (`$filter=...&$top=5`, or the key for lookups). */
  readonly query: string;
  readonly plan?: Explanation;
  readonly upstreamCalls?: number;
  readonly rows?: number;
  /** Characters of the result text sent back. */
  readonly bytes?: number;
  readonly durationMs: number;
  readonly error?: unknown;
}

export interface McpServerOptions {
  /** The engine of the caller's workspace; called once per tool call that needs data. */
  readonly engine: () => Promise<Engine>;
  readonly budget?: Partial<ResultBudget>;
  readonly onQuery?: (outcome: McpQueryOutcome) => void;
  readonly serverInfo?: { readonly name: string; readonly version: string };
  /**
   * Where a person can open an entity (used for `search`/`fetch` urls): the OData service root,
   * e.g. `https://data.example.com/odata`. Without it, urls use the `headgate://` scheme.
   */
  readonly odataRoot?: string;
  /** How often a running query reports progress when the client asked for it (default 2 s). */
  readonly progressIntervalMs?: number;
  /**
   * Hears every error that is not the caller's mistake (anything but an `ODataError` under 500):
   * the host logs it under a correlation id and returns the error the caller is shown, which
   * quotes that id. Without it the caller is shown a generic InternalError and nothing is logged
   * (this package has no logger).
   */
  readonly onFailure?: (error: unknown) => ODataError;
}

export function serverInfoOf(options: McpServerOptions): { readonly name: string; readonly version: string } {
  return options.serverInfo ?? { name: "headgate", version: "0.1.0" };
}
