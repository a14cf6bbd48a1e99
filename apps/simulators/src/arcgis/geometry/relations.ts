/**
 * The spatial relationships of a query: `esriSpatialRelIntersects` (the default), `Contains`
 * (the query geometry contains the feature), `Within` (the query geometry lies within the
 * feature, e.g. a point inside a site) and the envelope-only variants. Others are refused.
 */
import { invalidParameter } from "../errors.ts";
import type { Position } from "../model.ts";
import {
  insideOrOnBoundary,
  onSegment,
  samePosition,
  segments,
  segmentsCross,
  segmentsIntersect,
  strictlyInside,
} from "./planar.ts";
import { extentOf, positionsOf, type Shape } from "./shapes.ts";

export type SpatialRelationship = "intersects" | "contains" | "within" | "envelopeIntersects";

const RELATIONSHIPS: Record<string, SpatialRelationship> = {
  esriSpatialRelIntersects: "intersects",
  esriSpatialRelContains: "contains",
  esriSpatialRelWithin: "within",
  esriSpatialRelEnvelopeIntersects: "envelopeIntersects",
  esriSpatialRelIndexIntersects: "envelopeIntersects",
};

export function parseSpatialRel(raw: string | undefined): SpatialRelationship {
  if (raw === undefined || raw === "") return "intersects";
  const relationship = RELATIONSHIPS[raw];
  if (!relationship) throw invalidParameter("spatialRel", `the simulator does not evaluate ${raw}`);
  return relationship;
}

export function relates(relationship: SpatialRelationship, query: Shape, feature: Shape): boolean {
  switch (relationship) {
    case "intersects":
      return intersects(query, feature);
    case "contains":
      return contains(query, feature);
    case "within":
      return contains(feature, query);
    case "envelopeIntersects":
      return envelopesIntersect(query, feature);
  }
}

function envelopesIntersect(a: Shape, b: Shape): boolean {
  const ea = extentOf(positionsOf(a));
  const eb = extentOf(positionsOf(b));
  if (!ea || !eb) return false;
  return ea.xmin <= eb.xmax && eb.xmin <= ea.xmax && ea.ymin <= eb.ymax && eb.ymin <= ea.ymax;
}

function pathsOf(shape: Shape): readonly (readonly Position[])[] {
  if (shape.type === "polyline") return shape.paths;
  if (shape.type === "polygon") return shape.rings;
  return [];
}

function edgesIntersect(a: Shape, b: Shape): boolean {
  for (const pa of pathsOf(a))
    for (const [p, q] of segments(pa))
      for (const pb of pathsOf(b))
        for (const [r, s] of segments(pb)) if (segmentsIntersect(p, q, r, s)) return true;
  return false;
}

function edgesCross(a: Shape, b: Shape): boolean {
  for (const pa of pathsOf(a))
    for (const [p, q] of segments(pa))
      for (const pb of pathsOf(b))
        for (const [r, s] of segments(pb)) if (segmentsCross(p, q, r, s)) return true;
  return false;
}

/** Does the position lie on or in the shape? */
function covers(shape: Shape, p: Position): boolean {
  switch (shape.type) {
    case "point":
      return samePosition(shape.point, p);
    case "multipoint":
      return shape.points.some((q) => samePosition(q, p));
    case "polyline":
      return shape.paths.some((path) => [...segments(path)].some(([a, b]) => onSegment(p, a, b)));
    case "polygon":
      return insideOrOnBoundary(p, shape.rings);
  }
}

function intersects(a: Shape, b: Shape): boolean {
  if (a.type === "point" || a.type === "multipoint") return positionsOf(a).some((p) => covers(b, p));
  if (b.type === "point" || b.type === "multipoint") return positionsOf(b).some((p) => covers(a, p));
  if (edgesIntersect(a, b)) return true;
  // No edges meet: one may still lie wholly inside the other.
  const [first] = positionsOf(b);
  const [other] = positionsOf(a);
  return (
    (a.type === "polygon" && first !== undefined && covers(a, first)) ||
    (b.type === "polygon" && other !== undefined && covers(b, other))
  );
}

/** `outer` contains `inner`: every point of inner is in outer and no edge of inner leaves it. */
function contains(outer: Shape, inner: Shape): boolean {
  if (!positionsOf(inner).every((p) => covers(outer, p))) return false;
  if (outer.type !== "polygon") return inner.type === "point" || inner.type === "multipoint";
  if (edgesCross(outer, inner)) return false;
  // A hole of `outer` (or its outline) reaching inside `inner` means part of inner is outside.
  return inner.type !== "polygon" || !positionsOf(outer).some((p) => strictlyInside(p, inner.rings));
}
