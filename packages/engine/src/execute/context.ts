/**
 * What one query execution carries through its stages: the connectors it may call, its
 * cancellation signal and deadline, and the figures an audit record and `explain` report.
 */
import type { Connector } from "@headgate/connector-kit";
import type { EdmPrimitiveType } from "@headgate/model";
import type { Shape } from "../bind/shape.ts";

export interface ExecutionStats {
  upstreamCalls: number;
  /** Rows the connectors returned to the engine. */
  rowsScanned: number;
  /** Epoch ms of the oldest data a connector answered from memory (a cached scan); absent: all live. */
  asOf?: number;
  /** Upstream lists a scan cache goes on reading after the query gave up (see ConnectorStats). */
  backgroundReads?: number;
}

export interface ExecutionContext {
  readonly connectorFor: (entitySet: string) => Connector;
  readonly signal: AbortSignal;
  readonly deadline: number;
  readonly stats: ExecutionStats;
  readonly now: () => Date;
  /** The client asked for fresh data: scans must not be answered from a cache. */
  readonly fresh?: boolean;
}

/** The evaluator's view of a shape: the EDM type of a property path. */
export function propertyTypes(shape: Shape): (path: readonly string[]) => EdmPrimitiveType | undefined {
  return (path) => (path.length === 1 ? shape.properties.get(path[0]!)?.type : undefined);
}

/** Properties `$search` looks in: those marked searchable, else every text property. */
export function searchableProperties(shape: Shape): string[] {
  const all = [...shape.properties.values()];
  const marked = all.filter((p) => p.def?.capabilities.searchable);
  const chosen = marked.length > 0 ? marked : all.filter((p) => p.type === "Edm.String" && !p.collection);
  return chosen.map((p) => p.name);
}
