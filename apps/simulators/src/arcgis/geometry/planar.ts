/** Planar predicates on positions, segments and rings; boundaries count as touching. */
import type { Position } from "../model.ts";

const EPSILON = 1e-12;

function orientation(a: Position, b: Position, c: Position): number {
  const value = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
  return Math.abs(value) < EPSILON ? 0 : Math.sign(value);
}

export function samePosition(a: Position, b: Position): boolean {
  return Math.abs(a[0] - b[0]) < 1e-9 && Math.abs(a[1] - b[1]) < 1e-9;
}

export function onSegment(p: Position, a: Position, b: Position): boolean {
  return (
    orientation(a, b, p) === 0 &&
    p[0] >= Math.min(a[0], b[0]) - EPSILON &&
    p[0] <= Math.max(a[0], b[0]) + EPSILON &&
    p[1] >= Math.min(a[1], b[1]) - EPSILON &&
    p[1] <= Math.max(a[1], b[1]) + EPSILON
  );
}

/** Closed segments share at least one point. */
export function segmentsIntersect(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  if (o1 !== o2 && o3 !== o4) return true;
  return onSegment(c, a, b) || onSegment(d, a, b) || onSegment(a, c, d) || onSegment(b, c, d);
}

/** The segments cross at a point inside both, not at an end and not along a shared line. */
export function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orientation(a, b, c);
  const o2 = orientation(a, b, d);
  const o3 = orientation(c, d, a);
  const o4 = orientation(c, d, b);
  return o1 * o2 < 0 && o3 * o4 < 0;
}

export function* segments(path: readonly Position[]): Generator<readonly [Position, Position]> {
  for (let i = 0; i + 1 < path.length; i++) yield [path[i]!, path[i + 1]!];
}

export function onBoundary(p: Position, rings: readonly (readonly Position[])[]): boolean {
  for (const ring of rings) for (const [a, b] of segments(ring)) if (onSegment(p, a, b)) return true;
  return false;
}

/** Even-odd rule over all rings, so holes are outside. */
export function strictlyInside(p: Position, rings: readonly (readonly Position[])[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (const [[xi, yi], [xj, yj]] of segments(ring)) {
      if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside && !onBoundary(p, rings);
}

export function insideOrOnBoundary(p: Position, rings: readonly (readonly Position[])[]): boolean {
  return onBoundary(p, rings) || strictlyInside(p, rings);
}
