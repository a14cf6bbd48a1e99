/**
 * What the simulator serves: one feature service of layers, each with its schema and features,
 * in the shape the demo world's `generateArcgisData` produces (declared here structurally so the
 * simulator can serve any hand-made layers too). Attribute values are raw ArcGIS values: dates
 * are epoch milliseconds, coded fields hold codes.
 */

export type FieldType =
  | "esriFieldTypeOID"
  | "esriFieldTypeGlobalID"
  | "esriFieldTypeGUID"
  | "esriFieldTypeString"
  | "esriFieldTypeSmallInteger"
  | "esriFieldTypeInteger"
  | "esriFieldTypeDouble"
  | "esriFieldTypeSingle"
  | "esriFieldTypeDate";

export type Domain =
  | {
      readonly type: "codedValue";
      readonly name: string;
      readonly codedValues: readonly { readonly name: string; readonly code: string | number }[];
    }
  | { readonly type: "range"; readonly name: string; readonly range: readonly [number, number] };

export interface Field {
  readonly name: string;
  readonly type: FieldType;
  readonly alias: string;
  readonly length?: number;
  readonly nullable: boolean;
  readonly editable: boolean;
  readonly domain: Domain | null;
}

export type Value = string | number | null;
export type Attributes = Readonly<Record<string, Value>>;

export type Position = readonly [number, number];
export interface PointGeometry {
  readonly x: number;
  readonly y: number;
}
export interface PolygonGeometry {
  readonly rings: readonly (readonly Position[])[];
}
export type FeatureGeometry = PointGeometry | PolygonGeometry;

export interface Feature {
  readonly attributes: Attributes;
  readonly geometry: FeatureGeometry;
}

export interface Layer {
  readonly id: number;
  readonly name: string;
  readonly description: string;
  readonly geometryType: "esriGeometryPoint" | "esriGeometryPolygon";
  readonly objectIdField: string;
  readonly globalIdField: string;
  readonly displayField: string;
  readonly fields: readonly Field[];
  readonly features: readonly Feature[];
}

export interface FeatureServiceData {
  /** Server folder; empty for a service at the root of `/rest/services`. */
  readonly folder: string;
  readonly serviceName: string;
  readonly serviceDescription: string;
  /** Only wkid 4326 layers are served. */
  readonly spatialReference: { readonly wkid: number; readonly latestWkid: number };
  readonly layers: readonly Layer[];
}
