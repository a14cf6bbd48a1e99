/**
 * round, floor, ceiling (OData Part 2 §5.1.1.9). `round` takes the midpoint away from zero
 * (0.5 -> 1, -0.5 -> -1), unlike `Math.round`, which takes it toward +infinity. Results keep the
 * argument's kind: Decimal in, Decimal out; Double in, Double out.
 */
import type { CanonicalFunction } from "@headgate/odata";
import { arg, unaryNode } from "./nodes.ts";
import type { CallCompiler, Compiled } from "./types.ts";

export function roundHalfAwayFromZero(x: number): number {
  const r = x < 0 ? -Math.round(-x) : Math.round(x);
  return r === 0 ? 0 : r;
}

function numeric(fn: (x: number) => number): CallCompiler {
  return (args: readonly Compiled[]) => {
    const input = arg(args, 0);
    return unaryNode(input, input.kind, (value) => {
      if (typeof value !== "number") return null;
      const r = fn(value);
      return r === 0 ? 0 : r;
    });
  };
}

export const NUMERIC_FUNCTIONS = {
  round: numeric(roundHalfAwayFromZero),
  floor: numeric(Math.floor),
  ceiling: numeric(Math.ceil),
} satisfies Partial<Record<CanonicalFunction, CallCompiler>>;
