/**
 * The query parameters of `.../FeatureServer/{layer}/query`, read and validated against the
 * layer. Anything the server would refuse is refused here, before any row is touched.
 */
import { ArcgisError, invalidParameter } from "../errors.ts";
import { parseGeometryType, parseQueryGeometry } from "../geometry/parse-geometry.ts";
import { parseWkid } from "../geometry/projection.ts";
import { parseSpatialRel, type SpatialRelationship } from "../geometry/relations.ts";
import type { Shape } from "../geometry/shapes.ts";
import type { Field, Layer } from "../model.ts";
import type { Params } from "../params.ts";
import { compileWhere, isWhereError, type RowPredicate } from "../where/index.ts";
import { commaList, FieldLookup } from "./field-lookup.ts";
import { parseOrderBy, type SortKey } from "./order-by.ts";
import { parseStatistics, type StatisticsRequest } from "./statistics.ts";

export interface SpatialFilter {
  readonly shape: Shape;
  readonly relationship: SpatialRelationship;
}

export interface QueryRequest {
  readonly where: RowPredicate | null;
  readonly objectIds: ReadonlySet<number> | null;
  readonly spatial: SpatialFilter | null;
  readonly outFields: readonly Field[];
  readonly returnGeometry: boolean;
  readonly returnCountOnly: boolean;
  readonly returnIdsOnly: boolean;
  readonly returnExtentOnly: boolean;
  readonly returnDistinctValues: boolean;
  readonly orderBy: readonly SortKey[];
  readonly resultOffset: number | undefined;
  readonly resultRecordCount: number | undefined;
  readonly statistics: StatisticsRequest | null;
  readonly outSR: number;
}

export function readQueryRequest(params: Params, layer: Layer, clock: () => number): QueryRequest {
  const fields = new FieldLookup(layer.fields);
  const where = params.text("where");
  const objectIds = params.text("objectIds");
  const geometry = params.text("geometry");
  const text = params.text("text");
  // `time` is accepted as a filter and ignored: the layers are not time-enabled, so the server ignores it too.
  const filters = [where, objectIds, geometry, text, params.text("time")];
  if (filters.every((filter) => filter === undefined)) throw missingFilter();
  const statistics = params.text("outStatistics");
  const stats = statistics
    ? parseStatistics(statistics, params.text("groupByFieldsForStatistics"), fields)
    : null;
  const orderable = stats
    ? [...stats.groupBy.map((f) => f.name), ...stats.statistics.map((s) => s.outName)]
    : layer.fields.map((f) => f.name);
  return {
    where: allOf([where === undefined ? null : compile(where, layer, clock), textSearch(text, layer)]),
    objectIds: objectIds === undefined ? null : parseObjectIds(objectIds),
    spatial: geometry === undefined ? null : readSpatialFilter(params, geometry),
    outFields: readOutFields(params.text("outFields"), fields, layer),
    returnGeometry: params.flag("returnGeometry", true),
    returnCountOnly: params.flag("returnCountOnly"),
    returnIdsOnly: params.flag("returnIdsOnly"),
    returnExtentOnly: params.flag("returnExtentOnly"),
    returnDistinctValues: params.flag("returnDistinctValues"),
    orderBy: parseOrderBy(params.text("orderByFields") ?? "", orderable),
    resultOffset: params.count("resultOffset"),
    resultRecordCount: params.count("resultRecordCount"),
    statistics: stats,
    outSR: parseWkid(params.text("outSR"), "outSR") ?? 4326,
  };
}

/** What ArcGIS Server says when a query names no filter at all. */
function missingFilter(): ArcgisError {
  return new ArcgisError(400, "Unable to complete operation.", [
    "'where' parameter not specified",
    "'objectIds' parameter not specified",
    "'time' parameter not specified",
    "'geometry' parameter not specified",
    "'text' parameter not specified",
  ]);
}

function compile(where: string, layer: Layer, clock: () => number): RowPredicate {
  try {
    return compileWhere(where, layer.fields, clock);
  } catch (error) {
    if (isWhereError(error)) throw invalidParameter("where", error.message);
    throw error;
  }
}

/** `text`: a literal search of the display field, `LIKE '%text%'`. */
function textSearch(text: string | undefined, layer: Layer): RowPredicate | null {
  if (text === undefined) return null;
  return (attributes) => {
    const value = attributes[layer.displayField];
    return typeof value === "string" && value.includes(text);
  };
}

function allOf(predicates: readonly (RowPredicate | null)[]): RowPredicate | null {
  const present = predicates.filter((p): p is RowPredicate => p !== null);
  if (present.length <= 1) return present[0] ?? null;
  return (attributes) => present.every((p) => p(attributes));
}

function parseObjectIds(text: string): Set<number> {
  const ids = commaList(text).map(Number);
  if (ids.some((id) => !Number.isInteger(id))) throw invalidParameter("objectIds", "not a list of integers");
  return new Set(ids);
}

function readSpatialFilter(params: Params, geometry: string): SpatialFilter {
  const inSR = parseWkid(params.text("inSR"), "inSR");
  const shape = parseQueryGeometry(geometry, parseGeometryType(params.text("geometryType")), inSR);
  return { shape, relationship: parseSpatialRel(params.text("spatialRel")) };
}

/** `*`, a comma list, or (when absent) just the ObjectID field. */
function readOutFields(text: string | undefined, fields: FieldLookup, layer: Layer): Field[] {
  if (text === undefined) return [fields.require(layer.objectIdField, "outFields")];
  const names = commaList(text);
  if (names.includes("*")) return [...layer.fields];
  const chosen = names.map((name) => fields.require(name, "outFields"));
  return chosen.filter((field, i) => chosen.indexOf(field) === i);
}
