/**
 * `add sub mul div divby mod` and negation (OData Part 2 §5.1.1.2). A null operand, or one of a
 * type the operator does not take, gives null.
 *
 * Division, per §5.1.1.2.5-6:
 * - `div` of two integers is an integer, truncated toward zero (`-7 div 2` = -3).
 * - `div` by zero fails for integers and decimals (DivisionByZero, 400); doubles follow IEEE 754
 *   (`1.0E0 div 0` = INF). Decimals travel as doubles, so "decimal" is the static kind: a
 *   Decimal property or a decimal literal.
 * - `divby` always divides as decimals and never fails: by zero it gives INF, -INF or NaN.
 * - `mod` takes the sign of the dividend (JS `%` does) and fails for a zero divisor of any type.
 * Without property types, "integer" is decided per row: both operands are whole numbers.
 *
 * Decimal results are rounded to the scale the exact decimal result has (max of the scales for
 * add/sub/mod, the sum for mul), so `0.1 add 0.2 eq 0.3` holds as it does in decimal arithmetic.
 *
 * Temporal operands: DateTimeOffset ± Duration, Duration ± Duration, DateTimeOffset −
 * DateTimeOffset, Date ± Duration (midnight plus the duration, then the day; §5.1.1.2.1), Date −
 * Date, and Duration × or ÷ a number.
 */
import type { ArithmeticOperator } from "@headgate/odata";
import { divisionByZero } from "./errors.ts";
import { fold, valueNode } from "./nodes.ts";
import {
  addSecondsToDate,
  durationSeconds,
  epochOfDate,
  epochOfDateTime,
  formatDuration,
  formatInstantAtOffset,
  instantOf,
  isDateText,
  isDateTimeText,
  parseDateTime,
} from "./temporal.ts";
import type { Compiled, ValueKind } from "./types.ts";
import { decimalScale, isNumericKind, promoteNumeric, roundToScale } from "./value-kinds.ts";

type NumericOp = (a: number, b: number) => number;

/** Whether a `div` is an integer division: known at compile time, or decided per row. */
type IntegerDivision = "always" | "never" | "perRow";

function integerDivision(left: ValueKind, right: ValueKind): IntegerDivision {
  const integerish = (kind: ValueKind) => kind === "integer" || kind === "unknown";
  if (left === "integer" && right === "integer") return "always";
  return integerish(left) && integerish(right) ? "perRow" : "never";
}

function truncatingDivide(a: number, b: number): number {
  if (b === 0) throw divisionByZero("div");
  const q = Math.trunc(a / b);
  return q === 0 ? 0 : q;
}

function divideOp(left: ValueKind, right: ValueKind): NumericOp {
  const mode = integerDivision(left, right);
  if (mode === "always") return truncatingDivide;
  if (mode === "perRow") {
    return (a, b) => (Number.isInteger(a) && Number.isInteger(b) ? truncatingDivide(a, b) : a / b);
  }
  const failsOnZero = promoteNumeric(left, right) === "decimal";
  return (a, b) => {
    if (b === 0 && failsOnZero) throw divisionByZero("div");
    return a / b;
  };
}

/** Remainder of decimals via scaled integers, so `0.3 mod 0.1` is 0 as in decimal arithmetic. */
function modulo(a: number, b: number): number {
  if (b === 0) throw divisionByZero("mod");
  const scale = Math.max(decimalScale(a), decimalScale(b));
  if (scale > 0 && scale <= 15) {
    const factor = 10 ** scale;
    const sa = Math.round(a * factor);
    const sb = Math.round(b * factor);
    if (Number.isSafeInteger(sa) && Number.isSafeInteger(sb)) return roundToScale((sa % sb) / factor, scale);
  }
  const r = a % b;
  return r === 0 ? 0 : r;
}

function withDecimalScale(op: ArithmeticOperator, compute: NumericOp): NumericOp {
  if (op === "add" || op === "sub") {
    return (a, b) => roundToScale(compute(a, b), Math.max(decimalScale(a), decimalScale(b)));
  }
  if (op === "mul") return (a, b) => roundToScale(compute(a, b), decimalScale(a) + decimalScale(b));
  return compute;
}

function numericOp(op: ArithmeticOperator, left: ValueKind, right: ValueKind): NumericOp {
  const base: Record<ArithmeticOperator, () => NumericOp> = {
    add: () => (a, b) => a + b,
    sub: () => (a, b) => a - b,
    mul: () => (a, b) => a * b,
    div: () => divideOp(left, right),
    divby: () => (a, b) => a / b,
    mod: () => modulo,
  };
  const compute = base[op]();
  return promoteNumeric(left, right) === "decimal" ? withDecimalScale(op, compute) : compute;
}

function resultKind(op: ArithmeticOperator, left: ValueKind, right: ValueKind): ValueKind {
  const numericish = (kind: ValueKind) => isNumericKind(kind) || kind === "unknown";
  if (numericish(left) && numericish(right)) {
    if (op === "divby") return promoteNumeric(left, right) === "double" ? "double" : "decimal";
    return promoteNumeric(left, right);
  }
  return temporalResultKind(op, left, right);
}

function temporalResultKind(op: ArithmeticOperator, left: ValueKind, right: ValueKind): ValueKind {
  if (left === "dateTimeOffset" && right === "dateTimeOffset") return op === "sub" ? "duration" : "unknown";
  if (left === "date" && right === "date") return op === "sub" ? "duration" : "unknown";
  if (left === "dateTimeOffset" || left === "date") return left;
  if (left === "duration" || right === "duration") return right === "dateTimeOffset" ? right : "duration";
  return "unknown";
}

export function compileArithmetic(op: ArithmeticOperator, left: Compiled, right: Compiled): Compiled {
  const compute = numericOp(op, left.kind, right.kind);
  const temporal = temporalOp(op, left.kind, right.kind);
  const l = left.evaluate;
  const r = right.evaluate;
  return fold(
    valueNode(
      (row) => {
        const a = l(row);
        if (a == null) return null;
        const b = r(row);
        if (b == null) return null;
        if (typeof a === "number" && typeof b === "number") return compute(a, b);
        return temporal(a, b);
      },
      resultKind(op, left.kind, right.kind),
    ),
    [left, right],
  );
}

export function compileNegate(operand: Compiled): Compiled {
  const get = operand.evaluate;
  const kind = operand.kind === "duration" || isNumericKind(operand.kind) ? operand.kind : "unknown";
  return fold(
    valueNode((row) => {
      const v = get(row);
      if (typeof v === "number") return v === 0 ? 0 : -v;
      if (typeof v === "string") {
        const seconds = durationSeconds(v);
        return Number.isNaN(seconds) ? null : formatDuration(-seconds);
      }
      return null;
    }, kind),
    [operand],
  );
}

// ---------------------------------------------------------------------------------------------
// Temporal arithmetic
// ---------------------------------------------------------------------------------------------

type TemporalType = "dateTimeOffset" | "date" | "duration" | "number";

/** What a value is for arithmetic: its static kind when known, else what it looks like. */
function temporalType(value: unknown, kind: ValueKind): TemporalType | undefined {
  if (typeof value === "number") return "number";
  if (kind === "dateTimeOffset" || kind === "date" || kind === "duration") return kind;
  if (typeof value !== "string") return undefined;
  if (isDateText(value)) return "date";
  if (isDateTimeText(value)) return "dateTimeOffset";
  return value.startsWith("P") || value.startsWith("-P") ? "duration" : undefined;
}

function shiftInstant(text: string, seconds: number): string | null {
  const parts = parseDateTime(text);
  if (parts === undefined || Number.isNaN(seconds)) return null;
  return formatInstantAtOffset(epochOfDateTime(parts) + seconds * 1000, parts.offsetMinutes);
}

function nullIfNaN(seconds: number): string | null {
  return Number.isNaN(seconds) ? null : formatDuration(seconds);
}

function temporalOp(op: ArithmeticOperator, leftKind: ValueKind, rightKind: ValueKind) {
  return (a: unknown, b: unknown): unknown => {
    const ta = temporalType(a, leftKind);
    const tb = temporalType(b, rightKind);
    if (ta === undefined || tb === undefined) return null;
    return temporalResult(op, ta, tb, a as string | number, b as string | number);
  };
}

function temporalResult(
  op: ArithmeticOperator,
  ta: TemporalType,
  tb: TemporalType,
  a: string | number,
  b: string | number,
): unknown {
  const pair = `${ta} ${op} ${tb}`;
  switch (pair) {
    case "dateTimeOffset add duration":
      return shiftInstant(String(a), durationSeconds(String(b)));
    case "duration add dateTimeOffset":
      return shiftInstant(String(b), durationSeconds(String(a)));
    case "dateTimeOffset sub duration":
      return shiftInstant(String(a), -durationSeconds(String(b)));
    case "date add duration":
      return addSecondsToDate(String(a), durationSeconds(String(b)));
    case "duration add date":
      return addSecondsToDate(String(b), durationSeconds(String(a)));
    case "date sub duration":
      return addSecondsToDate(String(a), -durationSeconds(String(b)));
    case "duration add duration":
      return nullIfNaN(durationSeconds(String(a)) + durationSeconds(String(b)));
    case "duration sub duration":
      return nullIfNaN(durationSeconds(String(a)) - durationSeconds(String(b)));
    case "dateTimeOffset sub dateTimeOffset":
      return nullIfNaN((instantOf(a) - instantOf(b)) / 1000);
    case "date sub date":
      return nullIfNaN((epochOfDate(String(a)) - epochOfDate(String(b))) / 1000);
    default:
      return durationByNumber(op, ta, tb, a, b);
  }
}

function durationByNumber(
  op: ArithmeticOperator,
  ta: TemporalType,
  tb: TemporalType,
  a: unknown,
  b: unknown,
) {
  if (op === "mul" && ta === "duration" && tb === "number")
    return nullIfNaN(durationSeconds(String(a)) * Number(b));
  if (op === "mul" && ta === "number" && tb === "duration")
    return nullIfNaN(Number(a) * durationSeconds(String(b)));
  if ((op === "div" || op === "divby") && ta === "duration" && tb === "number") {
    if (b === 0) {
      if (op === "div") throw divisionByZero("div");
      return null;
    }
    return nullIfNaN(durationSeconds(String(a)) / Number(b));
  }
  return null;
}
