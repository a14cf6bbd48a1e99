/**
 * String and collection functions (OData Part 2 §5.1.1.5-7). Strings are compared
 * case-sensitively; lengths and positions count UTF-16 code units, like every JS string API and
 * .NET, so `indexof`, `substring` and `length` agree with each other. A null argument, or one of
 * the wrong type, gives null (§5.1.1.4).
 *
 * The 4.01 collection overloads work on arrays: `contains`/`startswith`/`endswith`/`indexof`
 * look for a contiguous run of items, `hassubset` for a sub-multiset, `hassubsequence` for the
 * items in order with gaps allowed. Items compare with `eq` semantics.
 */
import type { CanonicalFunction } from "@headgate/odata";
import { dynamicEquals } from "./domains.ts";
import { invalidArgument, invalidPattern } from "./errors.ts";
import { arg, binaryNode, fold, unaryNode, valueNode } from "./nodes.ts";
import type { CallCompiler, Compiled, ValueKind } from "./types.ts";

/** Index of `needle` as a contiguous run in `haystack`, or -1. */
function indexOfRun(
  haystack: readonly unknown[],
  needle: readonly unknown[],
  from = 0,
  to = haystack.length,
): number {
  for (let start = from; start + needle.length <= to; start++) {
    let i = 0;
    while (i < needle.length && dynamicEquals(haystack[start + i], needle[i])) i++;
    if (i === needle.length) return start;
  }
  return -1;
}

type StringTest = (s: string, t: string) => boolean;
type ArrayTest = (a: readonly unknown[], b: readonly unknown[]) => boolean;

/**
 * contains/startswith/endswith: a constant string needle (the usual case, and the one in hot
 * filters) gets a closure that does one typeof and one native string call per row.
 */
function searchFunction(onStrings: StringTest, onArrays: ArrayTest): CallCompiler {
  const either = (a: unknown, b: unknown): boolean | null => {
    if (typeof a === "string" && typeof b === "string") return onStrings(a, b);
    if (Array.isArray(a) && Array.isArray(b)) return onArrays(a, b);
    return null;
  };
  return (args) => {
    const haystack = arg(args, 0);
    const needle = arg(args, 1);
    const constant = needle.constant?.value;
    if (typeof constant !== "string" || haystack.constant !== undefined)
      return binaryNode(haystack, needle, "boolean", either);
    const get = haystack.evaluate;
    return valueNode((row) => {
      const s = get(row);
      if (typeof s === "string") return onStrings(s, constant);
      return s == null ? null : either(s, constant);
    }, "boolean");
  };
}

const contains = searchFunction(
  (s, t) => s.includes(t),
  (a, b) => indexOfRun(a, b) >= 0,
);
const startswith = searchFunction(
  (s, t) => s.startsWith(t),
  (a, b) => b.length <= a.length && indexOfRun(a, b, 0, b.length) === 0,
);
const endswith = searchFunction(
  (s, t) => s.endsWith(t),
  (a, b) => b.length <= a.length && indexOfRun(a, b, a.length - b.length) === a.length - b.length,
);

function indexof(args: readonly Compiled[]): Compiled {
  return binaryNode(arg(args, 0), arg(args, 1), "integer", (a, b) => {
    if (typeof a === "string" && typeof b === "string") return a.indexOf(b);
    if (Array.isArray(a) && Array.isArray(b)) return indexOfRun(a, b);
    return null;
  });
}

function length(args: readonly Compiled[]): Compiled {
  return unaryNode(arg(args, 0), "integer", (a) =>
    typeof a === "string" || Array.isArray(a) ? a.length : null,
  );
}

function stringMap(fn: (s: string) => string): CallCompiler {
  return (args) => unaryNode(arg(args, 0), "string", (a) => (typeof a === "string" ? fn(a) : null));
}

function concat(args: readonly Compiled[]): Compiled {
  const left = arg(args, 0);
  const kind: ValueKind = left.kind === "unknown" ? arg(args, 1).kind : left.kind;
  return binaryNode(left, arg(args, 1), kind === "string" ? "string" : "unknown", (a, b) => {
    if (typeof a === "string" && typeof b === "string") return a + b;
    if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
    return null;
  });
}

/**
 * substring(s, start[, length]); 4.01: a negative start counts from the end, a start past the
 * end gives "", a negative length is a bad request (§5.1.1.5.7). Works on arrays too.
 */
function slice(value: unknown, start: unknown, count: unknown): unknown {
  if (typeof value !== "string" && !Array.isArray(value)) return null;
  if (typeof start !== "number" || !Number.isInteger(start)) return null;
  if (count !== undefined && (typeof count !== "number" || !Number.isInteger(count))) return null;
  if (typeof count === "number" && count < 0)
    throw invalidArgument("substring", "the length must not be negative");
  const from = start < 0 ? Math.max(0, value.length + start) : start;
  return count === undefined ? value.slice(from) : value.slice(from, from + count);
}

function substring(args: readonly Compiled[]): Compiled {
  const value = arg(args, 0);
  const start = arg(args, 1);
  const count = args[2];
  const kind = value.kind === "string" ? "string" : "unknown";
  if (count === undefined) return binaryNode(value, start, kind, (v, s) => slice(v, s, undefined));
  const [v, s, c] = [value.evaluate, start.evaluate, count.evaluate];
  return fold(
    valueNode((row) => {
      const text = v(row);
      const from = s(row);
      const n = c(row);
      return text == null || from == null || n == null ? null : slice(text, from, n);
    }, kind),
    [value, start, count],
  );
}

function hassubset(args: readonly Compiled[]): Compiled {
  return binaryNode(arg(args, 0), arg(args, 1), "boolean", (a, b) => {
    if (!Array.isArray(a) || !Array.isArray(b)) return null;
    const used = new Array<boolean>(a.length).fill(false);
    return b.every((item) => {
      const at = a.findIndex((candidate, i) => !used[i] && dynamicEquals(candidate, item));
      if (at >= 0) used[at] = true;
      return at >= 0;
    });
  });
}

function hassubsequence(args: readonly Compiled[]): Compiled {
  return binaryNode(arg(args, 0), arg(args, 1), "boolean", (a, b) => {
    if (!Array.isArray(a) || !Array.isArray(b)) return null;
    let i = 0;
    for (const item of a) if (i < b.length && dynamicEquals(item, b[i])) i++;
    return i === b.length;
  });
}

// ---------------------------------------------------------------------------------------------
// matchesPattern (§5.1.1.7.1): ECMAScript regular expressions.
// ---------------------------------------------------------------------------------------------

/**
 * Tried with the `u` flag first (code point semantics, strict syntax), then without it, so the
 * common `[\w-]` (an error under `u`) still works. Invalid under both: InvalidPattern (400);
 * the specification would answer null, but a client with a typo deserves to hear about it.
 */
export function compilePattern(pattern: string, flags = ""): RegExp {
  try {
    return new RegExp(pattern, `${flags}u`);
  } catch {
    try {
      return new RegExp(pattern, flags);
    } catch (error) {
      throw invalidPattern(pattern, error instanceof Error ? error.message : String(error));
    }
  }
}

function matchesPattern(args: readonly Compiled[]): Compiled {
  const subject = arg(args, 0);
  const pattern = arg(args, 1);
  const flags = args[2]?.constant?.value;
  const flagText = typeof flags === "string" ? flags.replace(/[gyu]/g, "") : "";
  const constant = pattern.constant?.value;
  if (typeof constant === "string") {
    // Compiled once, here, so an invalid literal pattern fails before any row is read.
    const regex = compilePattern(constant, flagText);
    return unaryNode(subject, "boolean", (s) => (typeof s === "string" ? regex.test(s) : null));
  }
  const cache = new Map<string, RegExp>();
  return binaryNode(subject, pattern, "boolean", (s, p) => {
    if (typeof s !== "string" || typeof p !== "string") return null;
    let regex = cache.get(p);
    if (regex === undefined) {
      regex = compilePattern(p, flagText);
      if (cache.size < 64) cache.set(p, regex);
    }
    return regex.test(s);
  });
}

export const STRING_FUNCTIONS = {
  concat,
  contains,
  endswith,
  indexof,
  length,
  matchesPattern,
  startswith,
  substring,
  tolower: stringMap((s) => s.toLowerCase()),
  toupper: stringMap((s) => s.toUpperCase()),
  trim: stringMap((s) => s.trim()),
  hassubset,
  hassubsequence,
} satisfies Partial<Record<CanonicalFunction, CallCompiler>>;
