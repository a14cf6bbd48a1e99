/**
 * Answers a scan request over rows held in memory, with the engine's own evaluator: exactly
 * what a connector would do with the request (filter, search, aggregation, order, skip/top,
 * select, count). The memory connector serves its rows this way, and the scan cache answers
 * narrower questions over a broad scan it holds, so both give the answers a live scan gives.
 */
import type { ScanRequest } from "@headgate/connector-kit";
import type { EntityTypeDef, Row } from "@headgate/model";
import type { OrderByItem, Transformation } from "@headgate/odata";
import { shapeOfEntityType } from "../bind/shape.ts";
import { propertyTypes, searchableProperties } from "../execute/context.ts";
import { applyTransformations } from "./apply-transformations.ts";
import { compileFilter, compileOrderBy, compileSearch } from "./index.ts";

export type ScanQuestion = Omit<ScanRequest, "signal" | "deadline" | "fresh">;

export interface ScanAnswer {
  readonly rows: readonly Row[];
  /** The matching rows before skip/top, when the request asked for a count. */
  readonly count?: number;
}

export async function evaluateScanRequest(
  entityType: EntityTypeDef,
  source: readonly Row[],
  request: ScanQuestion,
): Promise<ScanAnswer> {
  const shape = shapeOfEntityType(entityType);
  const options = { propertyType: propertyTypes(shape) };
  let rows: readonly Row[] = source;
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
    return { rows: await applyTransformations(rows, [step], { ...options, searchProperties: [] }) };
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
  return { rows, ...(request.count ? { count: matched } : {}) };
}
