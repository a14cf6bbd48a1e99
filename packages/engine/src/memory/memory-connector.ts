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
import type { OrderByItem, Transformation } from "@headgate/odata";
import { shapeOfEntityType } from "../bind/shape.ts";
import { EngineError } from "../errors.ts";
import { applyTransformations, compileFilter, compileOrderBy, compileSearch } from "../evaluate/index.ts";
import { propertyTypes, searchableProperties } from "../execute/context.ts";

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
      return pages(answer(set, request), pageSize, request, stats);
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

interface Answer {
  readonly rows: Promise<readonly Row[]>;
  readonly count?: Promise<number>;
}

/** Evaluates exactly what the request pushed, with the engine's own evaluator. */
function answer(set: MemoryEntitySet, request: ScanRequest): Answer {
  const shape = shapeOfEntityType(set.definition.entityType);
  const options = { propertyType: propertyTypes(shape) };
  let rows: readonly Row[] = set.rows;
  if (request.filter) rows = rows.filter(compileFilter(request.filter, options));
  if (request.search) rows = rows.filter(compileSearch(request.search, searchableProperties(shape)));
  if (request.aggregation) {
    const { groupBy, aggregates } = request.aggregation;
    const step: Transformation =
      groupBy.length === 0
        ? { kind: "aggregate", items: aggregates }
        : {
            kind: "groupby",
            properties: groupBy.map((g) => [g]),
            apply: aggregates.length > 0 ? [{ kind: "aggregate", items: aggregates }] : [],
          };
    return { rows: applyTransformations(rows, [step], { ...options, searchProperties: [] }) };
  }
  const matched = rows.length;
  if (request.orderBy) {
    const items: OrderByItem[] = request.orderBy.map((o) => ({
      expr: { kind: "member", path: [o.property] },
      direction: o.direction,
    }));
    rows = [...rows].sort(compileOrderBy(items, options));
  }
  const skip = request.skip ?? 0;
  // Slicing copies; a full read of a large set should not double its memory.
  if (skip > 0 || request.top !== undefined)
    rows = rows.slice(skip, request.top === undefined ? undefined : skip + request.top);
  if (request.select) {
    const names = request.select;
    rows = rows.map((row) => Object.fromEntries(names.map((n) => [n, row[n] ?? null])));
  }
  return { rows: Promise.resolve(rows), ...(request.count ? { count: Promise.resolve(matched) } : {}) };
}

async function* pages(
  result: Answer,
  pageSize: number,
  request: ScanRequest,
  stats?: ConnectorStats,
): AsyncIterable<ScanPage> {
  const rows = await result.rows;
  const count = result.count ? await result.count : undefined;
  for (let start = 0; start === 0 || start < rows.length; start += pageSize) {
    if (request.signal.aborted) throw request.signal.reason ?? new Error("scan aborted");
    if (stats) stats.upstreamCalls++;
    const page = rows.slice(start, start + pageSize);
    yield start === 0 && count !== undefined ? { rows: page, count } : { rows: page };
  }
}
