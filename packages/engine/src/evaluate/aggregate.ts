/**
 * Accumulators for `aggregate(...)` (OData Data Aggregation 4.0 §3.2.1). One accumulator per
 * item per group holds a few numbers or the current best value, never the rows, so
 * aggregation streams.
 *
 * Per the specification's aggregation algorithm, null values are removed before a method sees
 * them, and on no values:
 * - `sum`, `min`, `max`, `average` give null ("or null if there are no values to be
 *   aggregated", §3.2.1.3.1-4; SQL agrees). Not 0: an empty sum is "no data", which a client
 *   can tell apart from a real zero.
 * - `countdistinct` and `$count` give 0.
 *
 * Sums use Neumaier compensated summation. Decimal sums (a Decimal property, or untyped values)
 * are then rounded to the largest scale among the inputs, since the exact decimal sum has no
 * more digits than that: 0.1 + 0.2 gives 0.3, not 0.30000000000000004. Double sums are left
 * as IEEE computed them. A value that is a collection (a path through a to-many navigation)
 * contributes each of its items.
 */
import type { AggregateItem, AggregateMethod } from "@headgate/odata";
import { comparatorFor } from "./compare-values.ts";
import { compileTyped } from "./compile-expression.ts";
import { domainOfKind, keyOf } from "./domains.ts";
import type { CompileOptions, Row, ValueKind } from "./types.ts";
import { decimalScale, roundToScale } from "./value-kinds.ts";

interface Accumulator {
  add(value: unknown): void;
  result(): unknown;
}

export interface Aggregation {
  add(row: Row): void;
  /** The aggregated row: one property per alias. */
  result(): Row;
}

function sumAccumulator(kind: ValueKind, average: boolean): Accumulator {
  const trackScale = kind === "decimal" || kind === "unknown";
  let sum = 0;
  let compensation = 0;
  let count = 0;
  let scale = 0;
  return {
    add(value) {
      if (typeof value !== "number") return;
      count++;
      const t = sum + value;
      compensation += Math.abs(sum) >= Math.abs(value) ? sum - t + value : value - t + sum;
      sum = t;
      if (trackScale && !Number.isInteger(value)) scale = Math.max(scale, decimalScale(value));
    },
    result() {
      if (count === 0) return null;
      const compensated = sum + compensation;
      const total = Number.isFinite(compensated) ? compensated : sum;
      if (average) return total / count;
      return trackScale ? roundToScale(total, scale) : total;
    },
  };
}

function extremeAccumulator(kind: ValueKind, wantMax: boolean): Accumulator {
  const compare = comparatorFor(domainOfKind(kind));
  let best: unknown = null;
  return {
    add(value) {
      if (best === null) {
        best = value;
        return;
      }
      const c = compare(value, best);
      if (wantMax ? c > 0 : c < 0) best = value;
    },
    result: () => best,
  };
}

/** Distinct by `eq`: typed keys (an instant, a lower-cased GUID) when the kind is known. */
function distinctAccumulator(kind: ValueKind): Accumulator {
  const domain = domainOfKind(kind);
  const seen = new Set<unknown>();
  return {
    add(value) {
      const key = domain === "dynamic" ? undefined : keyOf(domain, value);
      seen.add(key ?? (typeof value === "object" ? JSON.stringify(value) : value));
    },
    result: () => seen.size,
  };
}

const METHODS: Readonly<Record<AggregateMethod, (kind: ValueKind) => Accumulator>> = {
  sum: (kind) => sumAccumulator(kind, false),
  average: (kind) => sumAccumulator(kind, true),
  min: (kind) => extremeAccumulator(kind, false),
  max: (kind) => extremeAccumulator(kind, true),
  countdistinct: distinctAccumulator,
};

type RowAccumulatorFactory = () => { add(row: Row): void; result(): unknown };

function itemFactory(item: AggregateItem, options: CompileOptions): RowAccumulatorFactory {
  if (item.kind === "count") {
    return () => {
      let n = 0;
      return {
        add: () => {
          n++;
        },
        result: () => n,
      };
    };
  }
  const { evaluate, kind } = compileTyped(item.expr, options);
  const create = METHODS[item.method];
  return () => {
    const accumulator = create(kind);
    return {
      add(row) {
        const value = evaluate(row);
        if (Array.isArray(value)) {
          for (const member of value) if (member != null) accumulator.add(member);
        } else if (value != null) {
          accumulator.add(value);
        }
      },
      result: () => accumulator.result(),
    };
  };
}

/** Compiles the items once; each call of the result starts a fresh aggregation (one per group). */
export function compileAggregation(
  items: readonly AggregateItem[],
  options: CompileOptions = {},
): () => Aggregation {
  const aliases = items.map((item) => item.alias);
  const factories = items.map((item) => itemFactory(item, options));
  return () => {
    const accumulators = factories.map((create) => create());
    return {
      add(row) {
        for (const accumulator of accumulators) accumulator.add(row);
      },
      result() {
        const out: Record<string, unknown> = {};
        accumulators.forEach((accumulator, i) => {
          out[aliases[i]!] = accumulator.result();
        });
        return out;
      },
    };
  };
}
