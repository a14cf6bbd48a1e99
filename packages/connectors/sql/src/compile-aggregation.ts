/**
 * `groupby` + `aggregate` as GROUP BY, with the engine's results (aggregate.ts):
 * - nulls are left out before a method sees them; `sum`/`min`/`max`/`average` of no values is
 *   null, `countdistinct` and `$count` of nothing are 0;
 * - `average` is a double: the sum divided by the count, computed here from the database's
 *   SUM and COUNT so it divides as JavaScript does;
 * - sums of doubles (and the sums behind averages of decimals) are the engine's compensated
 *   sums, i.e. the exact sum of the binary values rounded once: Postgres adds the exact binary
 *   expansions as numerics (`binarySum`); SQLite's own SUM is compensated (Kahan-Babuska-
 *   Neumaier, like the engine's); SQL Server can do neither, so it lists the values
 *   (`numberList`) and the connector adds them exactly here;
 * - decimal sums are exact (Postgres numeric) or rounded to the column's scale (SQLite sums
 *   doubles), so 0.1 + 0.2 is 0.3 as in the engine;
 * - sums of decimals kept in binary floats and rounded to a scale (money in cents) add whole
 *   cents as integers and divide once: exact to the cent, and the engine's decimal sum (which
 *   rounds its compensated sum to the largest scale among the values);
 * - `min`/`max` order as `$orderby` does (text by code point; where the database cannot order
 *   every text that way, it returns the extreme of those it can and lists the others, and the
 *   connector picks among them); `countdistinct` counts distinct values by the engine's
 *   equality (instants to the millisecond).
 * Groups are made by the dialect's grouping expressions, spelled out in GROUP BY and in the
 * groups' order; grouping values are read like any column value; the grouping value wins over
 * an aggregate of the same name.
 */
import type { ScanAggregation } from "@headgate/connector-kit";
import type { Row } from "@headgate/model";
import type { AggregateItem } from "@headgate/odata";
import { compareStrings } from "@headgate/odata";
import { unsupported } from "./compile-filter.ts";
import type { SqlDialect } from "./dialects/dialect.ts";
import { readNumber, readValue } from "./read-row.ts";
import { raw, type SqlFragment, sql } from "./sql-fragment.ts";
import type { ColumnModel, TableModel } from "./table-model.ts";

export interface CompiledAggregation {
  /** Select-list entries: the grouping columns first. */
  readonly columns: readonly SqlFragment[];
  /** The grouping expressions. */
  readonly groupBy: readonly SqlFragment[];
  readonly orderBy: readonly SqlFragment[];
  readonly read: (record: Record<string, unknown>) => Row;
}

function columnOf(item: AggregateItem, table: TableModel): ColumnModel {
  if (item.kind !== "aggregate") throw unsupported("an aggregate without a property");
  const path = item.expr.kind === "member" ? item.expr.path : [];
  const column = path.length === 1 ? table.columns.get(path[0]!) : undefined;
  if (column === undefined) throw unsupported("aggregating an expression");
  return column;
}

/** The items of a `numberList` (comma-separated numbers), or none for null. */
function readNumberList(value: unknown): number[] {
  return typeof value === "string" && value !== "" ? value.split(",").map(Number) : [];
}

/** Every finite double is a whole multiple of 2^-1074: its exact value as that multiple. */
function scaledDouble(value: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const magnitude = exponent === 0 ? fraction : (fraction | (1n << 52n)) << BigInt(exponent - 1);
  return bits >> 63n === 1n ? -magnitude : magnitude;
}

/**
 * The sum of doubles as the engine means it: the exact sum of the binary values, rounded once
 * (to nearest, ties to even), which is what Postgres's `binarySum` gives.
 */
export function exactSum(values: readonly number[]): number {
  if (values.some((v) => !Number.isFinite(v))) return values.reduce((a, b) => a + b, 0);
  const total = values.reduce((sum, v) => sum + scaledDouble(v), 0n);
  const negative = total < 0n;
  const magnitude = negative ? -total : total;
  const bits = magnitude.toString(2).length;
  let result: number;
  if (bits <= 53) {
    // Below 2^-1021: a whole multiple of 2^-1074, held exactly.
    result = Number(magnitude) * 2 ** -1074;
  } else {
    const shift = bits - 53;
    let kept = magnitude >> BigInt(shift);
    const rest = magnitude - (kept << BigInt(shift));
    const half = 1n << BigInt(shift - 1);
    if (rest > half || (rest === half && (kept & 1n) === 1n)) kept += 1n;
    // 53 bits times a power of two: exact, or past the largest double (Infinity, as IEEE).
    result = Number(kept) * 2 ** (shift - 1074);
  }
  return negative ? -result : result;
}

/** The extreme of the texts, by code point as the engine orders them. */
function extremeText(values: readonly string[], method: "min" | "max"): string | null {
  let best: string | null = null;
  for (const value of values) {
    const c = best === null ? 0 : compareStrings(value, best);
    if (best === null || (method === "min" ? c < 0 : c > 0)) best = value;
  }
  return best;
}

/** A decimal sum the database computed in doubles, rounded as the engine rounds it. */
function roundDecimalSum(sum: number, column: ColumnModel): number {
  if (Number.isInteger(sum) || !Number.isFinite(sum)) return sum;
  if (column.scale !== undefined && column.scale <= 15) return Number(sum.toFixed(column.scale));
  return Number(sum.toPrecision(15));
}

export function compileSqlAggregation(
  aggregation: ScanAggregation,
  table: TableModel,
  dialect: SqlDialect,
): CompiledAggregation {
  const groups = aggregation.groupBy.map((name) => {
    const column = table.columns.get(name);
    if (column === undefined) throw unsupported(`grouping by '${name}'`);
    return column;
  });
  const columns: SqlFragment[] = groups.map(
    (c, i) => sql`${dialect.groupValue?.(c) ?? dialect.groupKey(c)} AS ${raw(`g${i}`)}`,
  );
  const readers: ((record: Record<string, unknown>) => unknown)[] = [];
  aggregation.aggregates.forEach((item, i) => {
    const alias = raw(`a${i}`);
    const key = `a${i}`;
    if (item.kind === "count") {
      columns.push(sql`COUNT(*) AS ${alias}`);
      readers.push((r) => readNumber(r[key]) ?? 0);
      return;
    }
    const column = columnOf(item, table);
    if (item.method === "sum" && column.rounded !== undefined) {
      // Money rounded to cents: the exact sum of whole cents, which is the engine's decimal sum.
      const scale = column.rounded.scale;
      const unit = 10 ** scale;
      const parts = dialect.unitSum(column, scale);
      const [outside, fallback] = [`o${i}`, `f${i}`];
      columns.push(
        sql`${parts.units} AS ${alias}`,
        sql`${parts.outside} AS ${raw(outside)}`,
        sql`${parts.fallback} AS ${raw(fallback)}`,
      );
      readers.push((r) => {
        if ((readNumber(r[outside]) ?? 0) > 0) {
          const sum = readNumber(r[fallback]);
          return sum === null ? null : roundDecimalSum(sum, column);
        }
        const units = readNumber(r[key]);
        return units === null ? null : units / unit;
      });
      return;
    }
    const doubles = column.storage === "double" || column.storage === "float4";
    const binary =
      (item.method === "sum" && doubles) ||
      (item.method === "average" && (doubles || column.storage === "decimal"))
        ? dialect.binarySum?.(column)
        : undefined;
    const list =
      binary === undefined &&
      ((item.method === "sum" && doubles) ||
        (item.method === "average" && (doubles || column.storage === "decimal")))
        ? dialect.numberList?.(column)
        : undefined;
    if (list !== undefined) {
      // The database lists the values; they are added here exactly, as `binarySum` would.
      columns.push(sql`${list} AS ${alias}`);
      readers.push((r) => {
        const values = readNumberList(r[key]);
        if (values.length === 0) return null;
        const sum = exactSum(values);
        return item.method === "sum" ? sum : sum / values.length;
      });
      return;
    }
    if (binary !== undefined) {
      const [exact, inexact, fallback, count] = [`a${i}`, `x${i}`, `f${i}`, `n${i}`];
      columns.push(
        sql`${binary.exact} AS ${raw(exact)}`,
        sql`${binary.inexact} AS ${raw(inexact)}`,
        sql`${binary.fallback} AS ${raw(fallback)}`,
        sql`COUNT(${dialect.value(column)}) AS ${raw(count)}`,
      );
      readers.push((r) => {
        const n = readNumber(r[count]) ?? 0;
        if (n === 0) return null;
        const sum = (readNumber(r[inexact]) ?? 0) > 0 ? readNumber(r[fallback]) : readNumber(r[exact]);
        return sum === null || item.method === "sum" ? sum : sum / n;
      });
      return;
    }
    switch (item.method) {
      case "sum":
        columns.push(sql`${dialect.sum(column)} AS ${alias}`);
        readers.push((r) => {
          const sum = readNumber(r[key]);
          return sum === null || dialect.exactDecimalSums || column.storage !== "decimal"
            ? sum
            : roundDecimalSum(sum, column);
        });
        return;
      case "average": {
        const count = `n${i}`;
        columns.push(
          sql`${dialect.sum(column)} AS ${alias}`,
          sql`COUNT(${dialect.value(column)}) AS ${raw(count)}`,
        );
        readers.push((r) => {
          const sum = readNumber(r[key]);
          const n = readNumber(r[count]) ?? 0;
          return sum === null || n === 0 ? null : sum / n;
        });
        return;
      }
      case "min":
      case "max": {
        const method = item.method;
        const text = column.storage === "text" || column.storage === "castText";
        const parts = text ? dialect.textExtreme?.(column, method) : undefined;
        if (parts !== undefined) {
          const others = `o${i}`;
          columns.push(sql`${parts.ordered} AS ${alias}`, sql`${parts.others} AS ${raw(others)}`);
          readers.push((r) => {
            const json = r[others];
            const listed: unknown = typeof json === "string" ? JSON.parse(json) : [];
            const candidates = [r[key], ...(Array.isArray(listed) ? listed : [])];
            return extremeText(
              candidates.filter((c): c is string => typeof c === "string"),
              method,
            );
          });
          return;
        }
        columns.push(sql`${dialect.extreme(column, method)} AS ${alias}`);
        readers.push((r) => readValue(column.storage, r[key]));
        return;
      }
      case "countdistinct":
        columns.push(sql`COUNT(DISTINCT ${dialect.distinctKey(column)}) AS ${alias}`);
        readers.push((r) => readNumber(r[key]) ?? 0);
        return;
    }
  });
  const groupBy = groups.map((c) => dialect.groupKey(c));
  if (groupBy.some((g) => g.bindings.length > 0)) throw unsupported("grouping by an expression with values");
  const orderBy = groupBy.map((g) => sql`${g} ${dialect.sortDirection(false, true)}`);
  return {
    columns,
    groupBy,
    orderBy,
    read(record) {
      const row: Record<string, unknown> = {};
      groups.forEach((c, i) => {
        row[c.property] = readValue(c.storage, record[`g${i}`]);
      });
      aggregation.aggregates.forEach((item, i) => {
        if (!Object.hasOwn(row, item.alias)) row[item.alias] = readers[i]!(record);
      });
      return row;
    },
  };
}
