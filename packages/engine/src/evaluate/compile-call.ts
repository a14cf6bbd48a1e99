/**
 * Canonical function calls: one compiler per function, looked up once at compile time. The
 * table is complete by type, so a function added to the AST fails the build until it is here.
 */
import type { CanonicalFunction } from "@headgate/odata";
import { GEO_FUNCTIONS } from "./geo-functions.ts";
import { NUMERIC_FUNCTIONS } from "./numeric-functions.ts";
import { STRING_FUNCTIONS } from "./string-functions.ts";
import { TEMPORAL_FUNCTIONS } from "./temporal-functions.ts";
import type { CallCompiler, CompileContext, Compiled } from "./types.ts";

const CALLS: Readonly<Record<CanonicalFunction, CallCompiler>> = {
  ...STRING_FUNCTIONS,
  ...TEMPORAL_FUNCTIONS,
  ...NUMERIC_FUNCTIONS,
  ...GEO_FUNCTIONS,
};

export function compileCall(
  name: CanonicalFunction,
  args: readonly Compiled[],
  ctx: CompileContext,
): Compiled {
  return CALLS[name](args, ctx);
}
