/**
 * `outStatistics` with `groupByFieldsForStatistics`: count, sum, min, max, avg, and the sample
 * stddev and var (as SQL Server computes them). NULLs are skipped; an aggregate over no values
 * is NULL, except count, which is 0.
 */
import { invalidParameter } from "../errors.ts";
import type { Field, FieldType, Value } from "../model.ts";
import { commaList, type FieldLookup } from "./field-lookup.ts";

const STATISTIC_TYPES = ["count", "sum", "min", "max", "avg", "stddev", "var"] as const;
type StatisticType = (typeof STATISTIC_TYPES)[number];
const NUMERIC_ONLY = new Set<StatisticType>(["sum", "avg", "stddev", "var"]);

export interface Statistic {
  readonly type: StatisticType;
  readonly field: Field;
  readonly outName: string;
}

export interface StatisticsRequest {
  readonly statistics: readonly Statistic[];
  readonly groupBy: readonly Field[];
}

type Row = Readonly<Record<string, Value>>;

const isNumeric = (type: FieldType) =>
  [
    "esriFieldTypeOID",
    "esriFieldTypeSmallInteger",
    "esriFieldTypeInteger",
    "esriFieldTypeDouble",
    "esriFieldTypeSingle",
  ].includes(type);

export function parseStatistics(
  raw: string,
  groupBy: string | undefined,
  fields: FieldLookup,
): StatisticsRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw invalidParameter("outStatistics", "not JSON");
  }
  if (!Array.isArray(parsed) || parsed.length === 0)
    throw invalidParameter("outStatistics", "not a non-empty array");
  return {
    statistics: parsed.map((definition) => parseStatistic(definition, fields)),
    groupBy: commaList(groupBy ?? "").map((name) => fields.require(name, "groupByFieldsForStatistics")),
  };
}

function parseStatistic(definition: unknown, fields: FieldLookup): Statistic {
  const { statisticType, onStatisticField, outStatisticFieldName } = (definition ?? {}) as Record<
    string,
    unknown
  >;
  const type = STATISTIC_TYPES.find((t) => t === String(statisticType).toLowerCase());
  if (!type) throw invalidParameter("outStatistics", `unsupported statisticType ${String(statisticType)}`);
  const field = fields.require(String(onStatisticField ?? ""), "outStatistics");
  if (NUMERIC_ONLY.has(type) && !isNumeric(field.type))
    throw invalidParameter("outStatistics", `${type} needs a numeric field`);
  const outName =
    typeof outStatisticFieldName === "string" && outStatisticFieldName
      ? outStatisticFieldName
      : `${type}_${field.name}`;
  return { type, field, outName };
}

/** The response's field list: group-by fields, then one per statistic. */
export function statisticFields(request: StatisticsRequest): Field[] {
  const outField = (s: Statistic): Field => {
    const sourceType = s.field.type === "esriFieldTypeOID" ? "esriFieldTypeInteger" : s.field.type;
    const type: FieldType =
      s.type === "count"
        ? "esriFieldTypeInteger"
        : s.type === "min" || s.type === "max"
          ? sourceType
          : "esriFieldTypeDouble";
    return { name: s.outName, type, alias: s.outName, nullable: true, editable: false, domain: null };
  };
  return [...request.groupBy, ...request.statistics.map(outField)];
}

export function computeStatistics(rows: readonly Row[], request: StatisticsRequest): Row[] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = JSON.stringify(request.groupBy.map((f) => row[f.name] ?? null));
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  if (groups.size === 0 && request.groupBy.length === 0) groups.set("[]", []);
  return [...groups.values()].map((members) => {
    const result: Record<string, Value> = {};
    for (const field of request.groupBy) result[field.name] = members[0]?.[field.name] ?? null;
    for (const statistic of request.statistics) result[statistic.outName] = aggregate(statistic, members);
    return result;
  });
}

function aggregate({ type, field }: Statistic, rows: readonly Row[]): Value {
  const values = rows
    .map((r) => r[field.name])
    .filter((v): v is string | number => v !== null && v !== undefined);
  if (type === "count") return values.length;
  if (values.length === 0) return null;
  if (type === "min" || type === "max") {
    const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return type === "min" ? sorted[0]! : sorted[sorted.length - 1]!;
  }
  const numbers = values as number[];
  const sum = numbers.reduce((a, b) => a + b, 0);
  if (type === "sum") return sum;
  const mean = sum / numbers.length;
  if (type === "avg") return mean;
  if (numbers.length < 2) return null;
  const variance = numbers.reduce((a, v) => a + (v - mean) ** 2, 0) / (numbers.length - 1);
  return type === "var" ? variance : Math.sqrt(variance);
}
