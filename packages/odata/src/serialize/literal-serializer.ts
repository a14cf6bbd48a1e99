/**
 * Literals back to URL syntax (before percent-encoding). Each form is the one the parser reads back
 * into the same `Literal`: doubles always carry an exponent (`1.5e0`) so they are not read as
 * decimals, decimals keep their text, strings double their quotes.
 */

import type { GeoShape, Literal } from "../ast.ts";

export function writeLiteral(literal: Literal): string {
  switch (literal.kind) {
    case "null":
      return "null";
    case "boolean":
      return literal.value ? "true" : "false";
    case "integer":
      return literal.value.toString();
    case "decimal":
      return literal.value;
    case "double":
      return writeDouble(literal.value);
    case "string":
      return `'${literal.value.replaceAll("'", "''")}'`;
    case "date":
    case "timeOfDay":
    case "dateTimeOffset":
    case "guid":
      return literal.value;
    case "duration":
      return `duration'${literal.value}'`;
    case "binary":
      return `binary'${literal.value}'`;
    case "enum":
      return `${literal.typeName}'${literal.value}'`;
    case "geo":
      return `${literal.family}'SRID=${literal.srid};${writeShape(literal.shape)}'`;
  }
}

/** Shortest exact text with an exponent: `1.5e0`, `-2e-7`, `INF`, `NaN`, `-0e0`. */
function writeDouble(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "INF";
  if (value === Number.NEGATIVE_INFINITY) return "-INF";
  if (Object.is(value, -0)) return "-0e0";
  return value.toExponential().replace("e+", "e");
}

/** A coordinate: plain decimal text where JavaScript gives one, exponent otherwise. */
function writeCoordinate(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "INF";
  if (value === Number.NEGATIVE_INFINITY) return "-INF";
  if (Object.is(value, -0)) return "-0";
  return String(value).replace("e+", "e");
}

function writePosition(position: readonly [number, number]): string {
  return `${writeCoordinate(position[0])} ${writeCoordinate(position[1])}`;
}

function writePositions(positions: readonly (readonly [number, number])[]): string {
  return `(${positions.map(writePosition).join(",")})`;
}

function writeShape(shape: GeoShape): string {
  switch (shape.type) {
    case "Point":
      return `Point(${writePosition(shape.coordinates)})`;
    case "LineString":
      return `LineString${writePositions(shape.coordinates)}`;
    case "Polygon":
      return `Polygon(${shape.coordinates.map(writePositions).join(",")})`;
  }
}
