/**
 * `geography'SRID=4326;Point(-122 47)'` and `geometry'...'`: the well-known-text subset the AST can
 * hold (Point, LineString, Polygon with two-dimensional positions). Keywords are matched in any
 * case (`POINT`, `Point`), as the ABNF's quoted strings are case-insensitive.
 */

import type { GeoShape, Literal } from "../ast.ts";
import { CLOSE, COMMA, DOT, EQUALS, isDigit, MINUS, OPEN, PLUS, SEMI, SQUOTE } from "./chars.ts";
import type { Scanner } from "./scanner.ts";

type Position = readonly [number, number];

const SHAPES = ["Point", "LineString", "Polygon"];
const UNSUPPORTED_SHAPES = new Set([
  "multipoint",
  "multilinestring",
  "multipolygon",
  "collection",
  "geometrycollection",
]);

/** `sc.pos` is just after the opening quote; consumes through the closing quote. */
export function scanGeoLiteral(sc: Scanner, family: "geography" | "geometry"): Literal {
  const srid = scanSrid(sc);
  const shapeStart = sc.pos;
  const keyword = sc.readIdentifier() ?? "";
  const lower = keyword.toLowerCase();
  let shape: GeoShape;
  if (lower === "point") shape = { type: "Point", coordinates: scanPointData(sc) };
  else if (lower === "linestring") shape = { type: "LineString", coordinates: scanLineStringData(sc) };
  else if (lower === "polygon") shape = { type: "Polygon", coordinates: scanPolygonData(sc) };
  else if (UNSUPPORTED_SHAPES.has(lower)) throw sc.unsupported("geoShape", shapeStart);
  else
    throw sc.expected(
      shapeStart,
      SHAPES.map((s) => `'${s}'`),
      ` in the ${family} literal`,
    );
  if (!sc.eat(SQUOTE)) throw sc.expected(sc.pos, ['"\'"'], ` to end the ${family} literal`);
  return { kind: "geo", family, srid, shape };
}

/** `"SRID" EQ 1*5DIGIT SEMI` */
function scanSrid(sc: Scanner): number {
  if (!sc.eatWord("srid")) throw sc.expected(sc.pos, ["'SRID='"], " at the start of a geo literal");
  sc.expect(EQUALS, "'='", " after 'SRID'");
  const start = sc.pos;
  const digits = sc.readDigits();
  if (digits.length === 0 || digits.length > 5) {
    throw sc.error(start, `SRID at ${sc.at(start)} must be 1 to 5 digits`, ["1 to 5 digits"]);
  }
  sc.expect(SEMI, "';'", " after the SRID");
  return Number(digits);
}

function open(sc: Scanner): number {
  sc.skipBws();
  const at = sc.pos;
  sc.expect(OPEN, "'('");
  sc.skipBws();
  return at;
}

/** Consumes a comma (and surrounding spaces) if one follows; otherwise expects the closing `)`. */
function nextOrClose(sc: Scanner, openPos: number, what: string): boolean {
  sc.skipBws();
  if (sc.eat(COMMA)) {
    sc.skipBws();
    return true;
  }
  if (sc.eat(CLOSE)) return false;
  throw sc.expected(sc.pos, ["','", "')'"], ` in the ${what} opened at ${sc.at(openPos)}`);
}

function scanPointData(sc: Scanner): Position {
  const openPos = open(sc);
  const position = scanPosition(sc);
  sc.expectClose(openPos, "Point(");
  return position;
}

function scanPositions(sc: Scanner, what: string): Position[] {
  const openPos = open(sc);
  const positions = [scanPosition(sc)];
  while (nextOrClose(sc, openPos, what)) positions.push(scanPosition(sc));
  return positions;
}

function scanLineStringData(sc: Scanner): Position[] {
  const start = sc.pos;
  const positions = scanPositions(sc, "LineString");
  if (positions.length < 2) {
    throw sc.error(start, `a LineString at ${sc.at(start)} needs at least two positions`, ["','"]);
  }
  return positions;
}

function scanPolygonData(sc: Scanner): Position[][] {
  const openPos = open(sc);
  const rings = [scanRing(sc)];
  while (nextOrClose(sc, openPos, "Polygon")) rings.push(scanRing(sc));
  return rings;
}

/** A closed ring: at least four positions, the last repeating the first. */
function scanRing(sc: Scanner): Position[] {
  const start = sc.pos;
  const ring = scanPositions(sc, "ring");
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (ring.length < 4 || !Object.is(first[0], last[0]) || !Object.is(first[1], last[1])) {
    throw sc.error(
      start,
      `polygon ring at ${sc.at(start)} must be closed: at least four positions, the last equal to the first`,
      ["a closed ring"],
    );
  }
  return ring;
}

/** `doubleValue SP doubleValue`; a third or fourth number (altitude, measure) is not supported. */
function scanPosition(sc: Scanner): Position {
  const x = scanCoordinate(sc);
  if (!sc.skipRws()) throw sc.expected(sc.pos, ["a space between the two coordinates"]);
  const y = scanCoordinate(sc);
  const afterY = sc.pos;
  sc.skipBws();
  const c = sc.peek();
  if (isDigit(c) || c === MINUS || c === PLUS || c === DOT) throw sc.unsupported("geoDimensions", sc.pos);
  sc.pos = afterY;
  return [x, y];
}

/** `doubleValue`: a decimal number with optional exponent, or `NaN`, `INF`, `-INF`. */
function scanCoordinate(sc: Scanner): number {
  const start = sc.pos;
  if (sc.eat(MINUS) || sc.eat(PLUS)) {
    if (sc.text.startsWith("INF", sc.pos) && sc.text.charCodeAt(start) === MINUS) {
      sc.pos += 3;
      return Number.NEGATIVE_INFINITY;
    }
  } else if (sc.text.startsWith("INF", sc.pos) || sc.text.startsWith("NaN", sc.pos)) {
    sc.pos += 3;
    return sc.text.charCodeAt(start) === 0x49 ? Number.POSITIVE_INFINITY : Number.NaN;
  }
  if (sc.readDigits().length === 0) throw sc.expected(sc.pos, ["a coordinate"]);
  if (sc.eat(DOT) && sc.readDigits().length === 0) throw sc.expected(sc.pos, ["a digit"], " after '.'");
  if ((sc.peek() | 0x20) === 0x65) {
    sc.pos++;
    if (!sc.eat(MINUS)) sc.eat(PLUS);
    if (sc.readDigits().length === 0) throw sc.expected(sc.pos, ["a digit"], " in the exponent");
  }
  const value = Number(sc.text.slice(start, sc.pos));
  if (!Number.isFinite(value)) {
    throw sc.error(start, `coordinate at ${sc.at(start)} is out of range for a double`, ["a finite number"]);
  }
  return value;
}
