/**
 * `$apply` (OData Data Aggregation 4.0 §3) evaluated in memory, as a push pipeline: rows flow
 * through one stage per transformation and only the stages that must see everything keep
 * anything. `filter`, `compute`, `search`, `skip`, `top` and `identity` pass rows on;
 * `aggregate` keeps accumulators; `groupby` keeps one nested pipeline per group (so
 * `groupby((A), aggregate(...))` keeps accumulators per group, not rows); `orderby` and the
 * branches of `concat` keep what they must. Once every `top` ahead is satisfied the input is
 * no longer read.
 *
 * Groups come out in the order their first row arrived (the specification defines no order
 * between groups, §3.2.3.1 step 5). A group's output rows carry the grouping properties, nested
 * paths as nested objects: `groupby((Customer/Country), ...)` gives `{ Customer: { Country } }`.
 */
import type { Row } from "@headgate/model";
import type { SearchExpr, Transformation } from "@headgate/odata";
import { compileAggregation } from "./aggregate.ts";
import { compileSortKeys } from "./compare-values.ts";
import { compileFilter } from "./compile-expression.ts";
import { compileCompute } from "./compute-properties.ts";
import { compileSearch, compileSearchInValue } from "./match-search.ts";
import type { CompileOptions } from "./types.ts";

export interface ApplyOptions extends CompileOptions {
  /**
   * Properties `search(...)` looks in. Without it every string property of a row is searched.
   */
  readonly searchProperties?: readonly string[];
}

interface Sink {
  push(row: Row): void;
  /** Called once after the last row: stages that hold rows or accumulators emit them now. */
  finish(): void;
  /** True when this sink will ignore further input. */
  readonly done: boolean;
}

type Stage = (next: Sink) => Sink;

interface Collector extends Sink {
  readonly rows: Row[];
}

function collector(): Collector {
  const rows: Row[] = [];
  return { rows, push: (row) => rows.push(row), finish: () => {}, done: false };
}

function passThrough(next: Sink, push: (row: Row) => void): Sink {
  return {
    push,
    finish: () => next.finish(),
    get done() {
      return next.done;
    },
  };
}

function filterStage(test: (row: Row) => boolean): Stage {
  return (next) =>
    passThrough(next, (row) => {
      if (test(row)) next.push(row);
    });
}

function mapStage(map: (row: Row) => Row): Stage {
  return (next) => passThrough(next, (row) => next.push(map(row)));
}

function topStage(count: number): Stage {
  return (next) => {
    let taken = 0;
    return {
      push(row) {
        if (taken >= count) return;
        taken++;
        next.push(row);
      },
      finish: () => next.finish(),
      get done() {
        return taken >= count || next.done;
      },
    };
  };
}

function skipStage(count: number): Stage {
  return (next) => {
    let skipped = 0;
    return passThrough(next, (row) => {
      if (skipped < count) skipped++;
      else next.push(row);
    });
  };
}

/** Emits rows downstream until it has had enough. */
function emit(rows: Iterable<Row>, next: Sink): void {
  for (const row of rows) {
    if (next.done) return;
    next.push(row);
  }
}

function orderbyStage(
  transformation: Extract<Transformation, { kind: "orderby" }>,
  options: ApplyOptions,
): Stage {
  const sortKeys = compileSortKeys(transformation.items, options);
  return (next) => {
    const entries: { row: Row; keys: unknown[] }[] = [];
    return {
      push: (row) => entries.push({ row, keys: sortKeys.keys.map((key) => key(row)) }),
      finish() {
        entries.sort((a, b) => sortKeys.compare(a.keys, b.keys));
        emit(
          entries.map((entry) => entry.row),
          next,
        );
        next.finish();
      },
      done: false,
    };
  };
}

function aggregateStage(
  transformation: Extract<Transformation, { kind: "aggregate" }>,
  options: ApplyOptions,
): Stage {
  const start = compileAggregation(transformation.items, options);
  return (next) => {
    const aggregation = start();
    return {
      push: (row) => aggregation.add(row),
      finish() {
        next.push(aggregation.result());
        next.finish();
      },
      done: false,
    };
  };
}

function searchStage(search: SearchExpr, options: ApplyOptions): Stage {
  const properties = options.searchProperties;
  return filterStage(
    properties === undefined ? compileSearchInValue(search) : compileSearch(search, properties),
  );
}

// ---------------------------------------------------------------------------------------------
// groupby
// ---------------------------------------------------------------------------------------------

function read(row: Row, path: readonly string[]): unknown {
  let value: unknown = row;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return null;
    value = (value as Row)[key];
  }
  return value ?? null;
}

/** Grouping values as one Map key: the value itself for one property, else a JSON text. */
function groupKey(values: readonly unknown[]): unknown {
  if (values.length === 1) {
    const value = values[0];
    return typeof value === "object" && value !== null ? JSON.stringify(value) : value;
  }
  return JSON.stringify(values);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The grouping properties of one group as a row: `[["A","B"]]` and `[1]` give `{A:{B:1}}`. */
function projection(paths: readonly (readonly string[])[], values: readonly unknown[]): Row {
  const out: Record<string, unknown> = {};
  paths.forEach((path, i) => {
    let target = out;
    path.forEach((key, depth) => {
      if (depth === path.length - 1) {
        target[key] = values[i];
        return;
      }
      const child = target[key];
      if (isObject(child)) {
        target = child;
        return;
      }
      const created: Record<string, unknown> = {};
      target[key] = created;
      target = created;
    });
  });
  return out;
}

/** The grouping properties first, then the group's result; the grouping values win (§3.2.3.1). */
function withProjection(grouping: Row, result: Row): Row {
  const out: Record<string, unknown> = { ...grouping };
  for (const [key, value] of Object.entries(result)) {
    const own = out[key];
    if (!(key in out)) out[key] = value;
    else if (isObject(own) && isObject(value)) out[key] = withProjection(own, value);
  }
  return out;
}

interface Group {
  readonly values: readonly unknown[];
  readonly sink: Sink;
  readonly output: Collector;
}

function groupbyStage(
  transformation: Extract<Transformation, { kind: "groupby" }>,
  options: ApplyOptions,
): Stage {
  const paths = transformation.properties;
  // Without nested transformations each group yields one instance with only its properties.
  const nested = compilePipeline(
    transformation.apply.length === 0 ? [{ kind: "aggregate", items: [] }] : transformation.apply,
    options,
  );
  return (next) => {
    const groups = new Map<unknown, Group>();
    return {
      push(row) {
        const values = paths.map((path) => read(row, path));
        const key = groupKey(values);
        let group = groups.get(key);
        if (group === undefined) {
          const output = collector();
          group = { values, sink: nested(output), output };
          groups.set(key, group);
        }
        if (!group.sink.done) group.sink.push(row);
      },
      finish() {
        for (const group of groups.values()) {
          group.sink.finish();
          const grouping = projection(paths, group.values);
          emit(
            group.output.rows.map((result) => withProjection(grouping, result)),
            next,
          );
        }
        next.finish();
      },
      done: false,
    };
  };
}

function concatStage(
  transformation: Extract<Transformation, { kind: "concat" }>,
  options: ApplyOptions,
): Stage {
  const pipelines = transformation.branches.map((branch) => compilePipeline(branch, options));
  return (next) => {
    const branches = pipelines.map((pipeline) => {
      const output = collector();
      return { sink: pipeline(output), output };
    });
    return {
      push(row) {
        for (const branch of branches) if (!branch.sink.done) branch.sink.push(row);
      },
      finish() {
        for (const branch of branches) {
          branch.sink.finish();
          emit(branch.output.rows, next);
        }
        next.finish();
      },
      get done() {
        return branches.every((branch) => branch.sink.done);
      },
    };
  };
}

// ---------------------------------------------------------------------------------------------
// Pipeline
// ---------------------------------------------------------------------------------------------

function compileStage(transformation: Transformation, options: ApplyOptions): Stage {
  switch (transformation.kind) {
    case "filter":
      return filterStage(compileFilter(transformation.expr, options));
    case "compute":
      return mapStage(compileCompute(transformation.items, options));
    case "search":
      return searchStage(transformation.search, options);
    case "orderby":
      return orderbyStage(transformation, options);
    case "top":
      return topStage(transformation.count);
    case "skip":
      return skipStage(transformation.count);
    case "identity":
      return (next) => next;
    case "aggregate":
      return aggregateStage(transformation, options);
    case "groupby":
      return groupbyStage(transformation, options);
    case "concat":
      return concatStage(transformation, options);
  }
}

/** Compiles every expression once; the result wires a fresh set of stages to a sink per use. */
function compilePipeline(transformations: readonly Transformation[], options: ApplyOptions): Stage {
  const stages = transformations.map((transformation) => compileStage(transformation, options));
  return (last) => stages.reduceRight((next, stage) => stage(next), last);
}

function isAsyncIterable(rows: Iterable<Row> | AsyncIterable<Row>): rows is AsyncIterable<Row> {
  return Symbol.asyncIterator in rows;
}

/**
 * Applies the transformations in order. Reading stops early once the pipeline wants no more
 * rows (breaking out of an async iterator lets its source stop paging).
 */
export async function applyTransformations(
  rows: Iterable<Row> | AsyncIterable<Row>,
  transformations: readonly Transformation[],
  options: ApplyOptions = {},
): Promise<Row[]> {
  const output = collector();
  const sink = compilePipeline(transformations, options)(output);
  if (isAsyncIterable(rows)) {
    for await (const row of rows) {
      sink.push(row);
      if (sink.done) break;
    }
  } else {
    for (const row of rows) {
      sink.push(row);
      if (sink.done) break;
    }
  }
  sink.finish();
  return output.rows;
}
