/**
 * The connector contract (docs/architecture.md, section 3): a connector describes its entity sets and what it
 * can evaluate, and answers scan requests that hold only what it advertised. It never knows which
 * front door asked, and the engine never knows which upstream answered.
 */

import type { EntitySetDef, Row } from "@headgate/model";
import type { AggregateItem, Expr, SearchExpr } from "@headgate/odata";

export interface ConnectorCapabilities {
  /** Returns only the requested properties (`select`); otherwise the engine projects. */
  readonly projection: boolean;
  /** Evaluates pushed filters (per property operators are in the model). */
  readonly filter: boolean;
  /** Orders by sortable properties. */
  readonly orderBy: boolean;
  /**
   * How the upstream limits a result: `offset` takes `top`/`skip`, `none` means the engine
   * stops reading pages itself. Cursor paging is the connector's own business within a scan.
   */
  readonly paging: "offset" | "none";
  /** Counts matching rows without returning them all (`count` on the scan). */
  readonly count: boolean;
  /** Evaluates `$search` over its searchable properties. */
  readonly search: boolean;
  /** Evaluates `groupby` + `aggregate` (sum/min/max/average/countdistinct/$count). */
  readonly aggregation: boolean;
}

/** A sort key the connector applies. */
export interface ScanOrder {
  readonly property: string;
  readonly direction: "asc" | "desc";
}

export interface ScanAggregation {
  readonly groupBy: readonly string[];
  readonly aggregates: readonly AggregateItem[];
}

/**
 * What the engine asks of a connector: only what the connector advertised, already bound to the
 * model (every property path exists, every literal has the property's type).
 */
export interface ScanRequest {
  readonly entitySet: string;
  /** Properties the engine needs; absent: all of them. */
  readonly select?: readonly string[];
  /** Conjunction of pushable predicates; every operator in it was advertised. */
  readonly filter?: Expr;
  readonly search?: SearchExpr;
  readonly orderBy?: readonly ScanOrder[];
  /** Only with `paging: "offset"`, and only when the whole filter was pushed. */
  readonly top?: number;
  readonly skip?: number;
  /** Ask for the total matching count (page `count`), only when the whole filter was pushed. */
  readonly count?: boolean;
  /** Only with `aggregation`, and only when everything before it was pushed. */
  readonly aggregation?: ScanAggregation;
  /** Cancelled when the client goes away or the deadline passes. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds after which the connector should stop and throw. */
  readonly deadline: number;
  /** The client asked for fresh data: a cache must read the upstream, not answer from memory. */
  readonly fresh?: boolean;
}

export interface ScanPage {
  readonly rows: readonly Row[];
  /** Total matching rows, when `count` was asked for; may arrive on the first page only. */
  readonly count?: number;
  /**
   * Epoch milliseconds when the upstream produced these rows, when that was before the scan
   * started (a cached answer). Absent: read live.
   */
  readonly asOf?: number;
}

/** A scan request without its execution context: what is asked, not when or for whom. */
export type ScanSpec = Omit<ScanRequest, "signal" | "deadline" | "fresh">;

/** What a scan will cost the upstream, before it runs. */
export interface UpstreamEstimate {
  /**
   * Upstream requests the scan needs with nothing cached: the fan-out times the pages, pages
   * past the first guessed from what earlier reads saw.
   */
  readonly requests: number;
  /** How to ask the same question for fewer requests (Procore: name the projects). */
  readonly narrowing?: string;
  /** With a scan cache: how many scans the question reads, and how many of them are cached. */
  readonly scans?: number;
  readonly cachedScans?: number;
}

/** What changed upstream in one scan's rows since a moment (incremental refresh). */
export interface ScanChanges {
  /** Rows created or changed since then, as a scan of the same request returns them. */
  readonly rows: readonly Row[];
  /** The keys (values of the entity key's properties, in key order) of rows deleted since then. */
  readonly deleted: readonly (readonly unknown[])[];
}

/** A change the upstream announced (a webhook delivery), in the upstream's own terms. */
export interface UpstreamChange {
  /** The upstream's name of the resource (Procore: `RFIs`, `Submittals`, `Projects`). */
  readonly resource: string;
  readonly event: "create" | "update" | "delete";
  /** The record's id. */
  readonly id?: string | number;
  /** The project the record belongs to, for project-scoped resources. */
  readonly projectId?: string | number;
}

/** Where an upstream should announce its changes (the gateway's webhook receiver). */
export interface ChangeDestination {
  readonly url: string;
  /** Sent with every delivery; the receiver checks them (a bearer token only the gateway knows). */
  readonly headers: Readonly<Record<string, string>>;
}

/** A change subscription registered with the upstream (Procore: a hook and its triggers). */
export interface ChangeSubscription {
  /** The upstream's id of the subscription. */
  readonly id: string;
  /** The upstream resources whose creates, updates and deletes are announced. */
  readonly resources: readonly string[];
}

/** Where an upstream credential's request budget stands, as far as the gateway knows. */
export interface UpstreamBudgetState {
  /** Requests left in the current window (an estimate between the upstream's own reports). */
  readonly remaining?: number;
  /** The window's size, in requests. */
  readonly limit?: number;
  /** Epoch ms when the window resets. */
  readonly resetAt?: number;
  /** Epoch ms until which the upstream asked not to be called (a 429 or 503 with Retry-After). */
  readonly blockedUntil?: number;
}

export interface ConnectorStats {
  /** How many requests the connector made upstream for this scan. */
  upstreamCalls: number;
  /**
   * Upstream lists still being read into the cache after this scan gave up (its client left or
   * its time ran out): asking again, or following the cursor, soon is answered from the cache.
   */
  backgroundReads?: number;
}

export interface Connector {
  /** Connection kind, e.g. `memory`, `sql`, `procore`. */
  readonly kind: string;
  readonly capabilities: ConnectorCapabilities;
  /** The entity sets this connection exposes. */
  describe(): Promise<readonly EntitySetDef[]>;
  /** Rows matching the request, a page at a time. */
  scan(request: ScanRequest, stats?: ConnectorStats): AsyncIterable<ScanPage>;
  /**
   * What the connection leaves out and why, and what else its administrator should know (a
   * database user that could write). The connection test and the admin answers show it, so
   * nothing is left out silently.
   */
  inspect?(): Promise<ConnectorInspection>;
  /**
   * Subset reuse: broad scans whose rows, read whole and concatenated in this order, hold every
   * row `request` can match, in the order a live scan would give them (Procore: each project's
   * whole list of the resource). A cache reads each broad scan once and answers every narrower
   * request over them in memory. Undefined: this request cannot be answered that way.
   */
  reusableScans?(request: ScanRequest, stats?: ConnectorStats): Promise<readonly ScanSpec[] | undefined>;
  /**
   * Incremental refresh of a reusable broad scan: what changed in its rows since `since` (epoch
   * ms), deletions included (Procore: `filters[updated_at]` and `filters[include_deleted]`).
   * Undefined: this scan cannot be refreshed that way and is read whole.
   */
  changesSince?(
    spec: ScanSpec,
    since: number,
    context: Pick<ScanRequest, "signal" | "deadline">,
    stats?: ConnectorStats,
  ): Promise<ScanChanges | undefined>;
  /**
   * The reusable broad scans whose rows an announced change touches (Procore: the project's
   * list of the resource), so a cache forgets exactly those. Empty: nothing this connection
   * exposes; undefined would mean the connector cannot say (then the TTL bounds staleness).
   */
  affectedScans?(change: UpstreamChange): Promise<readonly ScanSpec[]>;
  /**
   * Asks the upstream to announce changes to `destination` (Procore: a company hook with
   * create/update/delete triggers for each resource this connection exposes). Registering the
   * same destination again replaces, not duplicates, the subscription.
   */
  subscribeToChanges?(destination: ChangeDestination): Promise<ChangeSubscription>;
  /** What `request` will cost the upstream if nothing is cached. */
  estimate?(request: ScanRequest, stats?: ConnectorStats): Promise<UpstreamEstimate>;
  /** The connection's upstream request budget; undefined when the upstream reported none yet. */
  budget?(): Promise<UpstreamBudgetState | undefined>;
  /**
   * Whose data the scans read: scans of connectors with different scopes never share cache
   * entries (a per-user credential sees only its own). Absent: one scope for the connection.
   */
  readonly cacheScope?: string;
  close?(): Promise<void>;
}

/** A connector's account of itself, for the administrator who configured it. */
export interface ConnectorInspection {
  readonly leftOut: readonly LeftOutItem[];
  readonly warnings: readonly ConnectorWarning[];
}

/**
 * Something the upstream holds, or the settings ask for, that the connection does not expose:
 * a table without a key, a column of a type it cannot read, a listed table it cannot find.
 */
export interface LeftOutItem {
  /** As the upstream names it: a table `v_jobs`, a column `jobs.notes`. */
  readonly name: string;
  /** What it is, in the upstream's terms: `table`, `view`, `column`. */
  readonly kind: string;
  /** Why, as a stable code: `NoKey`, `NotFound`, `UnsupportedType`, ... */
  readonly reason: string;
  /** What is left out and why, in a sentence. */
  readonly message: string;
  /** How to include it (or, when it cannot be, how to stop asking for it). */
  readonly fix: LeftOutFix;
  /** Where the settings ask for it (`tables[2]`), when they do. */
  readonly setting?: string;
}

export interface LeftOutFix {
  readonly message: string;
  /**
   * Settings that do it: a fragment of the connection's settings (a list holds the one entry
   * to add, or to put in place of the entry at `setting`).
   */
  readonly settings?: Readonly<Record<string, unknown>>;
}

/** Something that works but that an administrator should know, with a stable code. */
export interface ConnectorWarning {
  readonly code: string;
  readonly message: string;
}

export const NO_CAPABILITIES: ConnectorCapabilities = {
  projection: false,
  filter: false,
  orderBy: false,
  paging: "none",
  count: false,
  search: false,
  aggregation: false,
};

export const ALL_CAPABILITIES: ConnectorCapabilities = {
  projection: true,
  filter: true,
  orderBy: true,
  paging: "offset",
  count: true,
  search: true,
  aggregation: true,
};
