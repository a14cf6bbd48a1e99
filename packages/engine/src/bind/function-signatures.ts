/**
 * Argument and result types of the canonical functions (OData Part 2 §5.1.1.4-5.1.1.11).
 * `families` lists, per argument, the type families it accepts.
 */

import type { EdmPrimitiveType } from "@headgate/model";
import type { CanonicalFunction } from "@headgate/odata";
import type { TypeFamily, ValueType } from "./type-rules.ts";

export interface FunctionSignature {
  readonly families: readonly (readonly TypeFamily[])[];
  /** Result type; `same` returns the first argument's type. */
  readonly result: EdmPrimitiveType | "same";
}

const S: readonly TypeFamily[] = ["string"];
const N: readonly TypeFamily[] = ["number"];
const DATE_PARTS: readonly TypeFamily[] = ["date", "instant"];
const TIME_PARTS: readonly TypeFamily[] = ["time", "instant"];

export const FUNCTION_SIGNATURES: Partial<Record<CanonicalFunction, FunctionSignature>> = {
  concat: { families: [S, S], result: "Edm.String" },
  contains: { families: [S, S], result: "Edm.Boolean" },
  endswith: { families: [S, S], result: "Edm.Boolean" },
  startswith: { families: [S, S], result: "Edm.Boolean" },
  indexof: { families: [S, S], result: "Edm.Int32" },
  length: { families: [S], result: "Edm.Int32" },
  matchesPattern: { families: [S, S], result: "Edm.Boolean" },
  substring: { families: [S, N, N], result: "Edm.String" },
  tolower: { families: [S], result: "Edm.String" },
  toupper: { families: [S], result: "Edm.String" },
  trim: { families: [S], result: "Edm.String" },
  year: { families: [DATE_PARTS], result: "Edm.Int32" },
  month: { families: [DATE_PARTS], result: "Edm.Int32" },
  day: { families: [DATE_PARTS], result: "Edm.Int32" },
  hour: { families: [TIME_PARTS], result: "Edm.Int32" },
  minute: { families: [TIME_PARTS], result: "Edm.Int32" },
  second: { families: [TIME_PARTS], result: "Edm.Int32" },
  fractionalseconds: { families: [TIME_PARTS], result: "Edm.Decimal" },
  totalseconds: { families: [["duration"]], result: "Edm.Decimal" },
  date: { families: [["instant"]], result: "Edm.Date" },
  time: { families: [["instant"]], result: "Edm.TimeOfDay" },
  totaloffsetminutes: { families: [["instant"]], result: "Edm.Int32" },
  now: { families: [], result: "Edm.DateTimeOffset" },
  mindatetime: { families: [], result: "Edm.DateTimeOffset" },
  maxdatetime: { families: [], result: "Edm.DateTimeOffset" },
  round: { families: [N], result: "same" },
  floor: { families: [N], result: "same" },
  ceiling: { families: [N], result: "same" },
  "geo.distance": { families: [["geo"], ["geo"]], result: "Edm.Double" },
  "geo.length": { families: [["geo"]], result: "Edm.Double" },
  "geo.intersects": { families: [["geo"], ["geo"]], result: "Edm.Boolean" },
};

export function resultType(signature: FunctionSignature, args: readonly ValueType[]): ValueType {
  if (signature.result !== "same") return signature.result;
  return args[0] ?? "null";
}
