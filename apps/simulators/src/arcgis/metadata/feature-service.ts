/** `.../FeatureServer?f=json`: the service, its layers and its extent. */
import { spatialReferenceJson } from "../geometry/projection.ts";
import type { Extent } from "../geometry/shapes.ts";
import type { FeatureServiceData } from "../model.ts";
import { CURRENT_VERSION, SUPPORTED_QUERY_FORMATS } from "./versions.ts";

export function serviceExtent(extents: readonly Extent[]): Extent {
  return {
    xmin: Math.min(...extents.map((e) => e.xmin)),
    ymin: Math.min(...extents.map((e) => e.ymin)),
    xmax: Math.max(...extents.map((e) => e.xmax)),
    ymax: Math.max(...extents.map((e) => e.ymax)),
  };
}

export function layerSummaries(data: FeatureServiceData) {
  return data.layers.map((layer) => ({
    id: layer.id,
    name: layer.name,
    parentLayerId: -1,
    defaultVisibility: true,
    subLayerIds: null,
    minScale: 0,
    maxScale: 0,
    geometryType: layer.geometryType,
  }));
}

export function featureServiceDefinition(data: FeatureServiceData, extent: Extent, maxRecordCount: number) {
  const spatialReference = spatialReferenceJson(4326);
  return {
    currentVersion: CURRENT_VERSION,
    serviceDescription: data.serviceDescription,
    hasVersionedData: false,
    supportsDisconnectedEditing: false,
    hasStaticData: false,
    hasSharedDomains: false,
    maxRecordCount,
    supportedQueryFormats: SUPPORTED_QUERY_FORMATS,
    capabilities: "Query",
    description: "",
    copyrightText: "",
    spatialReference,
    initialExtent: { ...extent, spatialReference },
    fullExtent: { ...extent, spatialReference },
    allowGeometryUpdates: true,
    units: "esriDecimalDegrees",
    syncEnabled: false,
    editorTrackingInfo: {
      enableEditorTracking: true,
      enableOwnershipAccessControl: false,
      allowOthersToUpdate: true,
      allowOthersToDelete: true,
    },
    documentInfo: {
      Title: data.serviceName,
      Author: "",
      Comments: "",
      Subject: "",
      Category: "",
      Keywords: "",
    },
    layers: layerSummaries(data),
    tables: [],
    enableZDefaults: false,
  };
}
