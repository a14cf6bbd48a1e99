/**
 * What every route plugin of the gateway shares: the store, the shared cache, the per-workspace
 * engines, the public URL clients reach us at, and the door budgets. Route plugins receive it explicitly;
 * nothing is global.
 */
import type { Cache } from "@headgate/cache";
import type { Store } from "@headgate/store";
import type { AuditTrail } from "../audit/audit-trail.ts";
import type { ClientRateLimits } from "../rate-limits/client-rate-limits.ts";
import type { WorkspaceEngines } from "../workspaces/workspace-engines.ts";

export interface ActionBudget {
  /** A ChatGPT Action response must stay under 100,000 characters; we aim below this. */
  readonly maxResponseChars: number;
  /** Actions time out after 45 s; we answer with what we have before this. */
  readonly deadlineMs: number;
}

export interface GatewayContext {
  readonly store: Store;
  /**
   * Redis when REDIS_URL is set, else this process's memory. Nothing reads it yet: upstream
   * budgets, the scan cache and client rate limits will (issue 16).
   */
  readonly cache: Cache;
  readonly engines: WorkspaceEngines;
  /** Where the doors' audit entries go (batched; flushed when the app closes). */
  readonly audit: AuditTrail;
  /** Where clients reach the gateway, without a trailing slash (`https://data.example.com`). */
  readonly publicUrl: string;
  /** Called after the admin API changed a workspace's connections. */
  readonly connectionsChanged: (workspaceId: string) => void;
  readonly actionBudget: ActionBudget;
  /**
   * Requests per API key and per workspace at the data doors (headgate.yaml's `limits`), read on
   * every request so a reload applies at once; serve and the demo give it. Absent: not limited.
   */
  readonly rateLimits?: () => ClientRateLimits;
  /** Relative SQLite paths in connection settings resolve against this directory. */
  readonly baseDir: string;
  readonly version: string;
}

export const DEFAULT_ACTION_BUDGET: ActionBudget = { maxResponseChars: 95_000, deadlineMs: 40_000 };
