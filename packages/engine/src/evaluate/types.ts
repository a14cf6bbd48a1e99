/**
 * Shared vocabulary of the evaluator: what callers pass in, and what every compiled node hands
 * back to the node above it.
 */
import type { EdmPrimitiveType, Row } from "@headgate/model";
import type { Expr } from "@headgate/odata";

export type { Row };

export interface CompileOptions {
  /**
   * The EDM type of a property path, as the binder knows it. For a collection property the
   * element type. Without it the evaluator infers types from literals and from the values.
   */
  readonly propertyType?: (path: readonly string[]) => EdmPrimitiveType | undefined;
  /** The clock behind `now()`; read once per compilation so every row sees the same instant. */
  readonly now?: () => Date;
  /**
   * Lambda variables bound outside the expression (when a caller compiles the body of a lambda
   * on its own). Their values arrive per call in `scope`.
   */
  readonly variables?: readonly string[];
}

/** Values for `$this` and for the names in `CompileOptions.variables`, per call. */
export type Scope = Readonly<Record<string, unknown>>;

export type CompiledExpression = (row: Row, scope?: Scope) => unknown;
export type RowPredicate = (row: Row) => boolean;

/**
 * The static type the compiler knows for a node. Row values travel as the EdmValue contract says
 * (temporal values as ISO strings), so a kind says how to read a value, not what JS type it has.
 */
export type ValueKind =
  | "null"
  | "boolean"
  | "string"
  | "integer"
  | "decimal"
  | "double"
  | "date"
  | "timeOfDay"
  | "dateTimeOffset"
  | "duration"
  | "guid"
  | "enum"
  | "binary"
  | "geo"
  | "unknown";

export type Evaluator = (row: Row) => unknown;

export interface Compiled {
  readonly evaluate: Evaluator;
  readonly kind: ValueKind;
  /** Set when the value cannot depend on the row; folded at compile time. */
  readonly constant?: { readonly value: unknown };
  /**
   * Set on boolean nodes that never yield null (comparisons, `in`, lambdas, `isof`): the same
   * function as `evaluate`, typed as a predicate, so "is false" is simply "is not true".
   */
  readonly predicate?: RowPredicate;
  /** `geometry` literals measure in the plane; everything else is geography (WGS84). */
  readonly geoFamily?: "geography" | "geometry";
  /** Where a member path points, so lambdas and `$count` know their element type and origin. */
  readonly member?: MemberRef;
}

/** An instance a path can start from: a frame slot, or -1 for the row being evaluated. */
export interface InstanceRef {
  readonly slot: number;
  /** Its path for the binder's `propertyType` (lambda variables resolved away). */
  readonly typePath: readonly string[];
}

export interface MemberRef {
  readonly typePath: readonly string[];
  /** The instance the path starts from, which a lambda over it uses for unprefixed paths. */
  readonly origin: InstanceRef;
}

export interface LambdaBinding extends InstanceRef {
  readonly name: string;
}

/** The frame slot `$this` reads outside any lambda; set per call from `scope` or to the row. */
export const ROOT_THIS_SLOT = 0;

export interface CompileState {
  /** Whether the expression reads `ROOT_THIS_SLOT`, so the entry point must fill it. */
  usesRootThis: boolean;
}

/**
 * Compile-time state. Lambda variables live in `frame`, a slot array allocated once per
 * compilation: a lambda writes the current element into its slot and the body reads it, so
 * evaluating a row allocates nothing. Evaluation is synchronous and never re-enters the same
 * compiled node, which is what makes one shared frame safe.
 */
export interface CompileContext {
  readonly options: CompileOptions;
  readonly frame: unknown[];
  readonly state: CompileState;
  /** Lambda variables in scope, innermost last. */
  readonly bindings: readonly LambdaBinding[];
  /** What unprefixed paths resolve against (OData Part 2 §5.1.1.13). */
  readonly origin: InstanceRef;
  /** What `$this` refers to: the current lambda or `$count` element, else the instance. */
  readonly self: InstanceRef;
  /** Recursion entry, passed around so the per-topic compilers need not import each other. */
  readonly compile: (expr: Expr, ctx: CompileContext) => Compiled;
  /** Compiles a boolean expression to "evaluates to `want`" (three-valued logic aware). */
  readonly compileTruth: (expr: Expr, ctx: CompileContext, want: boolean) => RowPredicate;
}

/** Compiles one canonical function call from its compiled arguments. */
export type CallCompiler = (args: readonly Compiled[], ctx: CompileContext) => Compiled;
