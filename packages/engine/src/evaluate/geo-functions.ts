/**
 * geo.distance, geo.length, geo.intersects (OData Part 2 §5.1.1.11) over GeoJSON-shaped values
 * (`{ type, coordinates }`, positions `[longitude, latitude]`).
 *
 * Geography measures on a sphere with the WGS84 mean radius (6,371,008.8 m) by the haversine
 * formula: within 0.5% of the ellipsoidal distance, in metres. `geometry` literals measure in
 * the plane, in coordinate units. `geo.intersects` decides point-in-polygon by ray casting in
 * the longitude/latitude plane (exact for geometry, an approximation for geography polygons that
 * span large distances); holes are respected and a point on the boundary intersects (§5.1.1.11.2).
 */
import type { CanonicalFunction } from "@headgate/odata";
import { arg, binaryNode, unaryNode } from "./nodes.ts";
import type { CallCompiler, Compiled } from "./types.ts";

export const EARTH_MEAN_RADIUS_M = 6_371_008.8;
const RADIANS = Math.PI / 180;

type Position = readonly [number, number];

function asPosition(value: unknown): Position | undefined {
  if (!Array.isArray(value) || value.length < 2) return undefined;
  const [x, y] = value;
  return typeof x === "number" && typeof y === "number" ? [x, y] : undefined;
}

function coordinatesOf(value: unknown, type: string): unknown {
  if (typeof value !== "object" || value === null) return undefined;
  const shape = value as { type?: unknown; coordinates?: unknown };
  return typeof shape.type === "string" && shape.type.toLowerCase() === type ? shape.coordinates : undefined;
}

function pointOf(value: unknown): Position | undefined {
  return asPosition(coordinatesOf(value, "point"));
}

function positionsOf(value: unknown): Position[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const positions = value.map(asPosition);
  return positions.every((p) => p !== undefined) ? (positions as Position[]) : undefined;
}

function lineOf(value: unknown): Position[] | undefined {
  return positionsOf(coordinatesOf(value, "linestring"));
}

function ringsOf(value: unknown): Position[][] | undefined {
  const rings = coordinatesOf(value, "polygon");
  if (!Array.isArray(rings)) return undefined;
  const parsed = rings.map(positionsOf);
  return parsed.every((ring) => ring !== undefined) ? (parsed as Position[][]) : undefined;
}

export function haversineMetres(a: Position, b: Position): number {
  const phi1 = a[1] * RADIANS;
  const phi2 = b[1] * RADIANS;
  const dPhi = phi2 - phi1;
  const dLambda = (b[0] - a[0]) * RADIANS;
  const h = Math.sin(dPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) ** 2;
  return 2 * EARTH_MEAN_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function planarDistance(a: Position, b: Position): number {
  return Math.hypot(b[0] - a[0], b[1] - a[1]);
}

function isPlanar(args: readonly Compiled[]): boolean {
  return args.some((node) => node.geoFamily === "geometry");
}

function distance(args: readonly Compiled[]): Compiled {
  const measure = isPlanar(args) ? planarDistance : haversineMetres;
  return binaryNode(arg(args, 0), arg(args, 1), "double", (a, b) => {
    const p = pointOf(a);
    const q = pointOf(b);
    return p === undefined || q === undefined ? null : measure(p, q);
  });
}

function length(args: readonly Compiled[]): Compiled {
  const measure = isPlanar(args) ? planarDistance : haversineMetres;
  return unaryNode(arg(args, 0), "double", (value) => {
    const line = lineOf(value);
    if (line === undefined) return null;
    let total = 0;
    for (let i = 1; i < line.length; i++) total += measure(line[i - 1]!, line[i]!);
    return total;
  });
}

function onSegment(p: Position, a: Position, b: Position): boolean {
  const cross = (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]);
  const scale = Math.max(1, Math.abs(b[0] - a[0]), Math.abs(b[1] - a[1]));
  if (Math.abs(cross) > 1e-12 * scale) return false;
  return (
    p[0] >= Math.min(a[0], b[0]) &&
    p[0] <= Math.max(a[0], b[0]) &&
    p[1] >= Math.min(a[1], b[1]) &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** Each edge of a ring, closing it if the last position does not repeat the first. */
function* edges(ring: readonly Position[]): Generator<readonly [Position, Position]> {
  for (let i = 0; i < ring.length; i++) yield [ring[i === 0 ? ring.length - 1 : i - 1]!, ring[i]!];
}

function onBoundary(p: Position, ring: readonly Position[]): boolean {
  for (const [a, b] of edges(ring)) if (onSegment(p, a, b)) return true;
  return false;
}

/** Even-odd rule: a ray to +x crosses the ring's edges an odd number of times when inside. */
function insideRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false;
  for (const [a, b] of edges(ring)) {
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) {
      inside = !inside;
    }
  }
  return inside;
}

export function pointInPolygon(p: Position, rings: readonly (readonly Position[])[]): boolean {
  const [exterior, ...holes] = rings;
  if (exterior === undefined) return false;
  if (rings.some((ring) => onBoundary(p, ring))) return true;
  return insideRing(p, exterior) && !holes.some((hole) => insideRing(p, hole));
}

function intersects(args: readonly Compiled[]): Compiled {
  return binaryNode(arg(args, 0), arg(args, 1), "boolean", (a, b) => {
    // The signature is (point, polygon); the reverse order is accepted as the same question.
    const point = pointOf(a) ?? pointOf(b);
    const rings = ringsOf(b) ?? ringsOf(a);
    return point === undefined || rings === undefined ? null : pointInPolygon(point, rings);
  });
}

export const GEO_FUNCTIONS = {
  "geo.distance": distance,
  "geo.length": length,
  "geo.intersects": intersects,
} satisfies Partial<Record<CanonicalFunction, CallCompiler>>;
