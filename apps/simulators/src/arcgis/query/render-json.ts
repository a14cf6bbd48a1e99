/** Query results as Esri JSON (`f=json`/`pjson`), geometry in `outSR`. */
import { fromWgs84, spatialReferenceJson } from "../geometry/projection.ts";
import type { FeatureGeometry, Field, Layer } from "../model.ts";
import type { QueryResult } from "./run-query.ts";

export function fieldJson(field: Field) {
  return {
    name: field.name,
    type: field.type,
    alias: field.alias,
    sqlType: "sqlTypeOther",
    ...(field.length === undefined ? {} : { length: field.length }),
    domain: field.domain,
    defaultValue: null,
  };
}

export function projectGeometry(geometry: FeatureGeometry, wkid: number): FeatureGeometry {
  if ("rings" in geometry)
    return { rings: geometry.rings.map((ring) => ring.map((p) => fromWgs84(p, wkid))) };
  const [x, y] = fromWgs84([geometry.x, geometry.y], wkid);
  return { x, y };
}

export function renderJson(result: QueryResult, layer: Layer, outSR: number): unknown {
  const spatialReference = spatialReferenceJson(outSR);
  switch (result.kind) {
    case "count":
      return { count: result.count };
    case "ids":
      return { objectIdFieldName: layer.objectIdField, objectIds: result.ids };
    case "extent": {
      const box = result.extent ?? { xmin: "NaN", ymin: "NaN", xmax: "NaN", ymax: "NaN" };
      return {
        ...(result.count === undefined ? {} : { count: result.count }),
        extent: { ...box, spatialReference },
      };
    }
    case "statistics":
      return {
        displayFieldName: "",
        fieldAliases: Object.fromEntries(result.fields.map((f) => [f.name, f.alias])),
        fields: result.fields.map((f) => ({ name: f.name, type: f.type, alias: f.alias })),
        features: result.features.map(({ attributes }) => ({ attributes })),
        ...(result.exceeded ? { exceededTransferLimit: true } : {}),
      };
    case "features": {
      const withGeometry = result.features.some((f) => f.geometry !== null);
      return {
        objectIdFieldName: layer.objectIdField,
        uniqueIdField: { name: layer.objectIdField, isSystemMaintained: true },
        globalIdFieldName: layer.globalIdField,
        ...(withGeometry ? { geometryType: layer.geometryType, spatialReference } : {}),
        ...(result.features.length > 0 ? { fields: result.fields.map(fieldJson) } : {}),
        features: result.features.map(({ attributes, geometry }) =>
          geometry ? { attributes, geometry: projectGeometry(geometry, outSR) } : { attributes },
        ),
        ...(result.exceeded ? { exceededTransferLimit: true } : {}),
      };
    }
  }
}
