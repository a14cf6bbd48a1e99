/**
 * Member paths. The first segment decides where a path starts (OData Part 2 §5.1.1.13-15):
 * `$it` is the row; `$this` the current lambda or `$count` element (the row outside them); a
 * lambda variable its current element (it wins over a property of the same name); anything
 * else a property of the origin (the row, or inside `$count($filter=...)` the element). The rest
 * of the path walks nested objects; a missing or null step makes the whole path null.
 */
import { valueNode } from "./nodes.ts";
import {
  type CompileContext,
  type Compiled,
  type Evaluator,
  type InstanceRef,
  ROOT_THIS_SLOT,
  type Row,
} from "./types.ts";
import { kindOfEdmType } from "./value-kinds.ts";

const ROW: InstanceRef = { slot: -1, typePath: [] };

interface Start {
  readonly start: InstanceRef;
  readonly rest: readonly string[];
}

function resolveStart(path: readonly string[], ctx: CompileContext): Start {
  const [first, ...rest] = path;
  if (first === "$it") return { start: ROW, rest };
  if (first === "$this") {
    if (ctx.self.slot === ROOT_THIS_SLOT) ctx.state.usesRootThis = true;
    return { start: ctx.self, rest };
  }
  const binding = ctx.bindings.findLast((b) => b.name === first);
  return binding === undefined ? { start: ctx.origin, rest: path } : { start: binding, rest };
}

function walk(start: unknown, path: readonly string[]): unknown {
  let value = start;
  for (const key of path) {
    if (typeof value !== "object" || value === null) return null;
    value = (value as Row)[key];
  }
  return value === undefined ? null : value;
}

/** Specialised for the common shapes so a plain property read is one keyed load. */
function accessor(start: InstanceRef, rest: readonly string[], frame: unknown[]): Evaluator {
  const slot = start.slot;
  if (slot < 0) {
    if (rest.length === 0) return (row) => row;
    if (rest.length === 1) {
      const key = rest[0]!;
      return (row) => {
        const value = row[key];
        return value === undefined ? null : value;
      };
    }
    return (row) => walk(row, rest);
  }
  if (rest.length === 0) return () => frame[slot] ?? null;
  return () => walk(frame[slot], rest);
}

export function compileMember(path: readonly string[], ctx: CompileContext): Compiled {
  const { start, rest } = resolveStart(path, ctx);
  const typePath = [...start.typePath, ...rest];
  const kind = typePath.length === 0 ? "unknown" : kindOfEdmType(ctx.options.propertyType?.(typePath));
  return { ...valueNode(accessor(start, rest, ctx.frame), kind), member: { typePath, origin: start } };
}
