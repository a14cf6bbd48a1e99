/**
 * Query results as GeoJSON (`f=geojson`): always WGS84, polygons with RFC 7946 winding (outer
 * rings anticlockwise, the reverse of Esri's), and `exceededTransferLimit` moved into the
 * collection's `properties`.
 */
import type { FeatureGeometry, Layer, Position } from "../model.ts";
import type { QueryResult } from "./run-query.ts";

function signedArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    sum += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return sum / 2;
}

/** Esri rings (outer clockwise, holes anticlockwise) as GeoJSON polygons, each outer with its holes. */
function polygonCoordinates(rings: readonly (readonly Position[])[]): Position[][][] {
  const polygons: Position[][][] = [];
  for (const ring of rings) {
    const outer = signedArea(ring) < 0;
    const reversed = [...ring].reverse();
    if (outer || polygons.length === 0) polygons.push([reversed]);
    else polygons[polygons.length - 1]!.push(reversed);
  }
  return polygons;
}

function geometryJson(geometry: FeatureGeometry | null) {
  if (geometry === null) return null;
  if (!("rings" in geometry)) return { type: "Point", coordinates: [geometry.x, geometry.y] };
  const polygons = polygonCoordinates(geometry.rings);
  return polygons.length === 1
    ? { type: "Polygon", coordinates: polygons[0] }
    : { type: "MultiPolygon", coordinates: polygons };
}

export function renderGeojson(result: QueryResult, layer: Layer): unknown {
  const collection = (features: unknown[], properties?: Record<string, unknown>) => ({
    type: "FeatureCollection",
    features,
    ...(properties ? { properties } : {}),
  });
  switch (result.kind) {
    case "count":
      return collection([], { count: result.count });
    case "ids":
      return collection([], { objectIdFieldName: layer.objectIdField, objectIds: result.ids });
    case "extent":
      return collection([], {
        extent: result.extent,
        ...(result.count === undefined ? {} : { count: result.count }),
      });
    case "statistics":
    case "features":
      return collection(
        result.features.map(({ attributes, geometry }) => {
          const id = attributes[layer.objectIdField];
          return {
            type: "Feature",
            ...(id === undefined ? {} : { id }),
            geometry: geometryJson(geometry),
            properties: attributes,
          };
        }),
        result.exceeded ? { exceededTransferLimit: true } : undefined,
      );
  }
}
