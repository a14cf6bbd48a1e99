/**
 * Runs a query over a layer: filter (objectIds, where, geometry), then either a count, the ids,
 * the extent, statistics, or one page of features capped at the layer's maxRecordCount, with
 * `exceeded` telling whether rows remain beyond the page.
 */

import { relates } from "../geometry/relations.ts";
import { type Extent, extentOf, positionsOf, shapeOfFeature } from "../geometry/shapes.ts";
import type { Feature, FeatureGeometry, Field, Layer, Value } from "../model.ts";
import { rowComparator, type SortKey } from "./order-by.ts";
import type { QueryRequest } from "./query-request.ts";
import { computeStatistics, statisticFields } from "./statistics.ts";

export interface ResultFeature {
  readonly attributes: Readonly<Record<string, Value>>;
  readonly geometry: FeatureGeometry | null;
}

export type QueryResult =
  | { readonly kind: "count"; readonly count: number }
  | { readonly kind: "ids"; readonly ids: readonly number[] }
  | { readonly kind: "extent"; readonly extent: Extent | null; readonly count?: number }
  | {
      readonly kind: "features" | "statistics";
      readonly fields: readonly Field[];
      readonly features: readonly ResultFeature[];
      readonly exceeded: boolean;
    };

export function runQuery(layer: Layer, request: QueryRequest, maxRecordCount: number): QueryResult {
  const selected = select(layer, request);
  const oid = layer.objectIdField;
  if (request.returnExtentOnly) {
    const extent = extentOf(selected.flatMap((f) => positionsOf(shapeOfFeature(f.geometry))));
    return request.returnCountOnly
      ? { kind: "extent", extent, count: selected.length }
      : { kind: "extent", extent };
  }
  if (request.returnCountOnly) return { kind: "count", count: selected.length };
  const ordered = order(selected, request.orderBy, oid);
  if (request.returnIdsOnly) return { kind: "ids", ids: ordered.map((f) => f.attributes[oid] as number) };
  if (request.statistics) {
    const rows = computeStatistics(
      ordered.map((f) => f.attributes),
      request.statistics,
    );
    if (request.orderBy.length > 0) rows.sort(rowComparator(request.orderBy));
    const { page, exceeded } = paginate(rows, request, maxRecordCount);
    const features = page.map((attributes) => ({ attributes, geometry: null }));
    return { kind: "statistics", fields: statisticFields(request.statistics), features, exceeded };
  }
  const features = project(ordered, request);
  const { page, exceeded } = paginate(features, request, maxRecordCount);
  return { kind: "features", fields: request.outFields, features: page, exceeded };
}

function select(layer: Layer, request: QueryRequest): Feature[] {
  const { where, objectIds, spatial } = request;
  return layer.features.filter(
    (feature) =>
      (objectIds === null || objectIds.has(feature.attributes[layer.objectIdField] as number)) &&
      (where === null || where(feature.attributes)) &&
      (spatial === null || relates(spatial.relationship, spatial.shape, shapeOfFeature(feature.geometry))),
  );
}

/** By `orderByFields`, then by ObjectID, so pages never overlap or skip. */
function order(features: readonly Feature[], keys: readonly SortKey[], oid: string): Feature[] {
  const compare = rowComparator([...keys, { name: oid, descending: false }]);
  return [...features].sort((a, b) => compare(a.attributes, b.attributes));
}

function project(features: readonly Feature[], request: QueryRequest): ResultFeature[] {
  const pick = (feature: Feature) =>
    Object.fromEntries(
      request.outFields.map((field) => [field.name, feature.attributes[field.name] ?? null]),
    );
  if (!request.returnDistinctValues)
    return features.map((f) => ({
      attributes: pick(f),
      geometry: request.returnGeometry ? f.geometry : null,
    }));
  const seen = new Set<string>();
  const distinct: ResultFeature[] = [];
  for (const feature of features) {
    const attributes = pick(feature);
    const key = JSON.stringify(Object.values(attributes));
    if (!seen.has(key)) {
      seen.add(key);
      distinct.push({ attributes, geometry: null });
    }
  }
  return distinct;
}

function paginate<T>(rows: readonly T[], request: QueryRequest, maxRecordCount: number) {
  const offset = request.resultOffset ?? 0;
  const size = Math.min(request.resultRecordCount ?? maxRecordCount, maxRecordCount);
  const page = rows.slice(offset, offset + size);
  return { page, exceeded: offset + page.length < rows.length };
}
