/**
 * The company's GIS as an ArcGIS Enterprise feature service stores it: one service with three
 * layers (project sites, parcels, utility assets), each with its field schema, coded-value
 * domains and features. Attribute values are raw, the way the REST API returns them: dates as
 * epoch milliseconds (UTC), coded fields as their codes, GlobalIDs as braced upper-case GUIDs.
 * Geometry is in WGS84 (wkid 4326), which keeps the demo simple; most real Enterprise layers are
 * in a state plane or Web Mercator and are projected on the way out.
 */

export type EsriFieldType =
  | "esriFieldTypeOID"
  | "esriFieldTypeGlobalID"
  | "esriFieldTypeString"
  | "esriFieldTypeSmallInteger"
  | "esriFieldTypeInteger"
  | "esriFieldTypeDouble"
  | "esriFieldTypeDate";

export interface CodedValueDomain {
  readonly type: "codedValue";
  readonly name: string;
  readonly codedValues: readonly { readonly name: string; readonly code: string | number }[];
}

export interface RangeDomain {
  readonly type: "range";
  readonly name: string;
  readonly range: readonly [number, number];
}

export type FieldDomain = CodedValueDomain | RangeDomain;

export interface ArcgisField {
  readonly name: string;
  readonly type: EsriFieldType;
  readonly alias: string;
  /** Character length of string fields (and the fixed 38 of a GlobalID). */
  readonly length?: number;
  readonly nullable: boolean;
  readonly editable: boolean;
  readonly domain: FieldDomain | null;
}

export type AttributeValue = string | number | null;

export type Attributes = Readonly<Record<string, AttributeValue>>;

export interface SpatialReference {
  readonly wkid: number;
  readonly latestWkid: number;
}

/** `[x, y]`: longitude, latitude in wkid 4326. */
export type Position = readonly [number, number];

export interface EsriPoint {
  readonly x: number;
  readonly y: number;
}

/** Rings are closed (first position repeated last); outer rings run clockwise, holes anticlockwise. */
export interface EsriPolygon {
  readonly rings: readonly (readonly Position[])[];
}

export type EsriGeometry = EsriPoint | EsriPolygon;

export type LayerGeometryType = "esriGeometryPoint" | "esriGeometryPolygon";

export interface ArcgisFeature {
  readonly attributes: Attributes;
  readonly geometry: EsriGeometry;
}

export interface ArcgisLayer {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly geometryType: LayerGeometryType;
  readonly objectIdField: string;
  readonly globalIdField: string;
  readonly displayField: string;
  readonly fields: readonly ArcgisField[];
  readonly features: readonly ArcgisFeature[];
}

export interface ArcgisData {
  /** Server folder holding the service (`/arcgis/rest/services/{folder}/{serviceName}/FeatureServer`). */
  readonly folder: string;
  readonly serviceName: string;
  readonly serviceDescription: string;
  readonly spatialReference: SpatialReference;
  readonly layers: readonly ArcgisLayer[];
}
