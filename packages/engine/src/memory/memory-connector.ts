/**
 * A connector over rows held in memory, with configurable capabilities: with everything pushed
 * it behaves like a full SQL upstream, with nothing pushed like a bare list endpoint. Tests use
 * the pair to prove that pushdown never changes an answer; early demos use it as a data source.
 *
 * It checks every scan request against what it advertised, so a planner bug that pushes too
 * much fails loudly instead of returning a silently different answer.
 */
import {
  ALL_CAPABILITIES,
  assertScanAdvertised,
  type Connector,
  type ConnectorCapabilities,
  type ConnectorStats,
  type ScanPage,
  type ScanRequest,
} from "@headgate/connector-kit";
import {
  type EntitySetDef,
  NO_PUSHDOWN,
  type PropertyCapabilities,
  type PropertyDef,
  PUSHABLE_OPERATORS,
  type Row,
} from "@headgate/model";
import { EngineError } from "../errors.ts";
import { evaluateScanRequest } from "../evaluate/evaluate-scan-request.ts";

export interface MemoryEntitySet {
  readonly definition: EntitySetDef;
  readonly rows: readonly Row[];
}

export interface MemoryConnectorOptions {
  readonly entitySets: readonly MemoryEntitySet[];
  readonly capabilities?: ConnectorCapabilities;
  /**
   * Per-property pushdown: `declared` keeps the definitions' capabilities, `all` advertises every
   * operator and sorting on every property, `none` advertises nothing (required filters stay).
   */
  readonly propertyPushdown?: "declared" | "all" | "none";
  /** Rows per yielded page, to exercise multi-page streaming (default 500). */
  readonly pageSize?: number;
}

export function createMemoryConnector(options: MemoryConnectorOptions): Connector {
  const capabilities = options.capabilities ?? ALL_CAPABILITIES;
  const mode = options.propertyPushdown ?? "declared";
  const sets = new Map(
    options.entitySets.map(
      (s) => [s.definition.name, { ...s, definition: withPushdown(s.definition, mode) }] as const,
    ),
  );
  const pageSize = options.pageSize ?? 500;
  return {
    kind: "memory",
    capabilities,
    async describe() {
      return [...sets.values()].map((s) => s.definition);
    },
    scan(request: ScanRequest, stats?: ConnectorStats): AsyncIterable<ScanPage> {
      const set = sets.get(request.entitySet);
      if (!set)
        throw new EngineError(
          "UnknownEntitySet",
          `this memory connection has no entity set '${request.entitySet}'`,
          request.entitySet,
        );
      assertScanAdvertised(request, set.definition, capabilities);
      return pages(set, request, pageSize, stats);
    },
  };
}

function withPushdown(definition: EntitySetDef, mode: "declared" | "all" | "none"): EntitySetDef {
  if (mode === "declared") return definition;
  const capabilitiesFor = (p: PropertyDef): PropertyCapabilities =>
    mode === "all"
      ? {
          filter: [...PUSHABLE_OPERATORS],
          sortable: true,
          requiredInFilter: p.capabilities.requiredInFilter,
          searchable: p.capabilities.searchable,
        }
      : {
          ...NO_PUSHDOWN,
          requiredInFilter: p.capabilities.requiredInFilter,
          searchable: p.capabilities.searchable,
        };
  const properties = definition.entityType.properties.map((p) => ({
    ...p,
    capabilities: capabilitiesFor(p),
  }));
  return { ...definition, entityType: { ...definition.entityType, properties } };
}

async function* pages(
  set: MemoryEntitySet,
  request: ScanRequest,
  pageSize: number,
  stats?: ConnectorStats,
): AsyncIterable<ScanPage> {
  const { rows, count } = await evaluateScanRequest(set.definition.entityType, set.rows, request);
  for (let start = 0; start === 0 || start < rows.length; start += pageSize) {
    if (request.signal.aborted) throw request.signal.reason ?? new Error("scan aborted");
    if (stats) stats.upstreamCalls++;
    const page = rows.slice(start, start + pageSize);
    yield start === 0 && count !== undefined ? { rows: page, count } : { rows: page };
  }
}
