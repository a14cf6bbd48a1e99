/** `.../FeatureServer/{id}?f=json`: a layer's schema, capabilities and extent. */
import { spatialReferenceJson } from "../geometry/projection.ts";
import { type Extent, extentOf, positionsOf, shapeOfFeature } from "../geometry/shapes.ts";
import type { Field, Layer } from "../model.ts";
import { CURRENT_VERSION, SUPPORTED_QUERY_FORMATS } from "./versions.ts";

const EDITOR_TRACKING = {
  creationDateField: "created_date",
  creatorField: "created_user",
  editDateField: "last_edited_date",
  editorField: "last_edited_user",
};

export function layerExtent(layer: Layer): Extent {
  const positions = layer.features.flatMap((f) => positionsOf(shapeOfFeature(f.geometry)));
  return extentOf(positions) ?? { xmin: 0, ymin: 0, xmax: 0, ymax: 0 };
}

function fieldDefinition(field: Field) {
  return {
    name: field.name,
    type: field.type,
    alias: field.alias,
    sqlType: "sqlTypeOther",
    ...(field.length === undefined ? {} : { length: field.length }),
    nullable: field.nullable,
    editable: field.editable,
    domain: field.domain,
    defaultValue: null,
  };
}

export function advancedQueryCapabilities() {
  return {
    supportsPagination: true,
    supportsPaginationOnAggregatedQueries: true,
    supportsQueryRelatedPagination: false,
    supportsQueryWithDistance: false,
    supportsReturningQueryExtent: true,
    supportsStatistics: true,
    supportsHavingClause: false,
    supportsOrderBy: true,
    supportsDistinct: true,
    supportsCountDistinct: false,
    supportsSqlExpression: true,
    supportsPercentileStatistics: false,
    supportsTrueCurve: false,
    supportsQueryWithResultType: false,
    supportsReturningGeometryCentroid: false,
  };
}

export function layerDefinition(layer: Layer, extent: Extent, maxRecordCount: number) {
  const spatialReference = spatialReferenceJson(4326);
  const tracked = layer.fields.some((f) => f.name === EDITOR_TRACKING.editDateField);
  return {
    currentVersion: CURRENT_VERSION,
    id: layer.id,
    name: layer.name,
    type: "Feature Layer",
    parentLayer: null,
    defaultVisibility: true,
    minScale: 0,
    maxScale: 0,
    geometryType: layer.geometryType,
    description: layer.description,
    copyrightText: "",
    ...(tracked ? { editFieldsInfo: EDITOR_TRACKING } : {}),
    ownershipBasedAccessControlForFeatures: null,
    syncCanReturnChanges: false,
    relationships: [],
    isDataVersioned: false,
    isDataArchived: false,
    supportsRollbackOnFailureParameter: true,
    supportsStatistics: true,
    supportsAdvancedQueries: true,
    supportsValidateSql: false,
    supportsCoordinatesQuantization: false,
    advancedQueryCapabilities: advancedQueryCapabilities(),
    useStandardizedQueries: true,
    extent: { ...extent, spatialReference },
    sourceSpatialReference: spatialReference,
    hasM: false,
    hasZ: false,
    allowGeometryUpdates: true,
    hasAttachments: false,
    htmlPopupType: "esriServerHTMLPopupTypeAsHTMLText",
    objectIdField: layer.objectIdField,
    globalIdField: layer.globalIdField,
    displayField: layer.displayField,
    typeIdField: "",
    fields: layer.fields.map(fieldDefinition),
    geometryField: { name: "Shape", type: "esriFieldTypeGeometry", alias: "Shape" },
    indexes: [],
    dateFieldsTimeReference: { timeZone: "UTC", respectsDaylightSaving: false },
    types: [],
    templates: [],
    maxRecordCount,
    supportedQueryFormats: SUPPORTED_QUERY_FORMATS,
    capabilities: "Query",
  };
}
