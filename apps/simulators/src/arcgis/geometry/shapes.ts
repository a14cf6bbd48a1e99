/** Query geometries in the layer's coordinates (WGS84), envelopes already turned into polygons. */
import type { FeatureGeometry, Position } from "../model.ts";

export type Shape =
  | { readonly type: "point"; readonly point: Position }
  | { readonly type: "multipoint"; readonly points: readonly Position[] }
  | { readonly type: "polyline"; readonly paths: readonly (readonly Position[])[] }
  | { readonly type: "polygon"; readonly rings: readonly (readonly Position[])[] };

export interface Extent {
  readonly xmin: number;
  readonly ymin: number;
  readonly xmax: number;
  readonly ymax: number;
}

export function shapeOfFeature(geometry: FeatureGeometry): Shape {
  return "rings" in geometry
    ? { type: "polygon", rings: geometry.rings }
    : { type: "point", point: [geometry.x, geometry.y] };
}

export function envelopePolygon({ xmin, ymin, xmax, ymax }: Extent): Shape {
  return {
    type: "polygon",
    rings: [
      [
        [xmin, ymin],
        [xmin, ymax],
        [xmax, ymax],
        [xmax, ymin],
        [xmin, ymin],
      ],
    ],
  };
}

export function positionsOf(shape: Shape): readonly Position[] {
  switch (shape.type) {
    case "point":
      return [shape.point];
    case "multipoint":
      return shape.points;
    case "polyline":
      return shape.paths.flat();
    case "polygon":
      return shape.rings.flat();
  }
}

export function extentOf(positions: readonly Position[]): Extent | null {
  if (positions.length === 0) return null;
  let xmin = Number.POSITIVE_INFINITY;
  let ymin = Number.POSITIVE_INFINITY;
  let xmax = Number.NEGATIVE_INFINITY;
  let ymax = Number.NEGATIVE_INFINITY;
  for (const [x, y] of positions) {
    xmin = Math.min(xmin, x);
    ymin = Math.min(ymin, y);
    xmax = Math.max(xmax, x);
    ymax = Math.max(ymax, y);
  }
  return { xmin, ymin, xmax, ymax };
}
