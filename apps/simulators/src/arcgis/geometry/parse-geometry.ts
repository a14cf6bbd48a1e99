/**
 * Reads the `geometry` parameter the way ArcGIS does: Esri JSON of the declared `geometryType`
 * (envelope by default), or the `xmin,ymin,xmax,ymax` / `x,y` shorthands; coordinates in the
 * geometry's own spatial reference, else `inSR`, else the layer's.
 */
import { invalidParameter } from "../errors.ts";
import type { Position } from "../model.ts";
import { parseWkid, toWgs84 } from "./projection.ts";
import { envelopePolygon, type Shape } from "./shapes.ts";

export const GEOMETRY_TYPES = [
  "esriGeometryEnvelope",
  "esriGeometryPoint",
  "esriGeometryMultipoint",
  "esriGeometryPolyline",
  "esriGeometryPolygon",
] as const;
export type GeometryType = (typeof GEOMETRY_TYPES)[number];

type Json = Record<string, unknown>;

export function parseGeometryType(raw: string | undefined): GeometryType {
  if (raw === undefined || raw === "") return "esriGeometryEnvelope";
  const type = GEOMETRY_TYPES.find((t) => t === raw);
  if (!type) throw invalidParameter("geometryType", `unknown geometry type ${raw}`);
  return type;
}

export function parseQueryGeometry(raw: string, geometryType: GeometryType, inSR: number | undefined): Shape {
  const text = raw.trim();
  const json = text.startsWith("{") ? parseJson(text) : shorthand(text, geometryType);
  const sr = parseWkid(json.spatialReference, "geometry") ?? inSR ?? 4326;
  const shape = shapeFromJson(json, geometryType);
  if (!shape) throw invalidGeometry(`not a valid ${geometryType}`);
  return reproject(shape, sr);
}

function invalidGeometry(reason: string) {
  return invalidParameter("geometry", reason);
}

function parseJson(text: string): Json {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Json;
  } catch {
    // reported below
  }
  throw invalidGeometry("not JSON");
}

function shorthand(text: string, geometryType: GeometryType): Json {
  const numbers = text.split(",").map((part) => Number(part.trim()));
  if (numbers.some((n) => Number.isNaN(n))) throw invalidGeometry("not numbers");
  const [a, b, c, d] = numbers;
  if (geometryType === "esriGeometryEnvelope" && numbers.length === 4)
    return { xmin: a, ymin: b, xmax: c, ymax: d };
  if (geometryType === "esriGeometryPoint" && numbers.length === 2) return { x: a, y: b };
  throw invalidGeometry("shorthand does not match geometryType");
}

const isNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

function positions(value: unknown): Position[] | null {
  if (!Array.isArray(value)) return null;
  const result: Position[] = [];
  for (const item of value) {
    if (!Array.isArray(item) || !isNumber(item[0]) || !isNumber(item[1])) return null;
    result.push([item[0], item[1]]);
  }
  return result;
}

function nested(value: unknown): Position[][] | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  const parts = value.map(positions);
  return parts.every((p): p is Position[] => p !== null && p.length > 0) ? parts : null;
}

function shapeFromJson(json: Json, geometryType: GeometryType): Shape | null {
  switch (geometryType) {
    case "esriGeometryEnvelope": {
      const { xmin, ymin, xmax, ymax } = json;
      if (!isNumber(xmin) || !isNumber(ymin) || !isNumber(xmax) || !isNumber(ymax)) return null;
      return envelopePolygon({ xmin, ymin, xmax, ymax });
    }
    case "esriGeometryPoint":
      return isNumber(json.x) && isNumber(json.y) ? { type: "point", point: [json.x, json.y] } : null;
    case "esriGeometryMultipoint": {
      const points = positions(json.points);
      return points && points.length > 0 ? { type: "multipoint", points } : null;
    }
    case "esriGeometryPolyline": {
      const paths = nested(json.paths);
      return paths ? { type: "polyline", paths } : null;
    }
    case "esriGeometryPolygon": {
      const rings = nested(json.rings);
      return rings ? { type: "polygon", rings } : null;
    }
  }
}

function reproject(shape: Shape, wkid: number): Shape {
  const p = (position: Position) => toWgs84(position, wkid);
  switch (shape.type) {
    case "point":
      return { type: "point", point: p(shape.point) };
    case "multipoint":
      return { type: "multipoint", points: shape.points.map(p) };
    case "polyline":
      return { type: "polyline", paths: shape.paths.map((path) => path.map(p)) };
    case "polygon":
      return { type: "polygon", rings: shape.rings.map((ring) => ring.map(p)) };
  }
}
