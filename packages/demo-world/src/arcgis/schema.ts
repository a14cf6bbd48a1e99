/**
 * Field schemas and coded-value domains of the three layers, named the way a GIS team names
 * them in an enterprise geodatabase: UPPER_CASE attributes, `OBJECTID`/`GlobalID`, and the
 * lower-case editor-tracking fields ArcGIS adds itself.
 */
import type { ArcgisField, CodedValueDomain, EsriFieldType, FieldDomain } from "./types.ts";

interface FieldOptions {
  readonly length?: number;
  readonly nullable?: boolean;
  readonly domain?: FieldDomain;
}

function field(name: string, type: EsriFieldType, alias: string, options: FieldOptions = {}): ArcgisField {
  const system = type === "esriFieldTypeOID" || type === "esriFieldTypeGlobalID";
  return {
    name,
    type,
    alias,
    ...(options.length === undefined ? {} : { length: options.length }),
    nullable: options.nullable ?? !system,
    editable: !system && !EDITOR_TRACKING_NAMES.has(name),
    domain: options.domain ?? null,
  };
}

const string = (name: string, alias: string, length: number, options: FieldOptions = {}) =>
  field(name, "esriFieldTypeString", alias, { ...options, length });

export const OBJECT_ID_FIELD = "OBJECTID";
export const GLOBAL_ID_FIELD = "GlobalID";

const EDITOR_TRACKING_NAMES = new Set([
  "created_user",
  "created_date",
  "last_edited_user",
  "last_edited_date",
]);

const IDENTITY_FIELDS: readonly ArcgisField[] = [
  field(OBJECT_ID_FIELD, "esriFieldTypeOID", "OBJECTID"),
  field(GLOBAL_ID_FIELD, "esriFieldTypeGlobalID", "GlobalID", { length: 38 }),
];

/** Editor tracking, as ArcGIS names these fields when it is enabled on an enterprise geodatabase. */
const EDITOR_TRACKING_FIELDS: readonly ArcgisField[] = [
  string("created_user", "created_user", 255),
  field("created_date", "esriFieldTypeDate", "created_date", { length: 8 }),
  string("last_edited_user", "last_edited_user", 255),
  field("last_edited_date", "esriFieldTypeDate", "last_edited_date", { length: 8 }),
];

export const SITE_STATUS_DOMAIN: CodedValueDomain = {
  type: "codedValue",
  name: "ProjectStatus",
  codedValues: [
    { name: "In Progress", code: "IP" },
    { name: "Closed", code: "CL" },
    { name: "Unstarted", code: "UN" },
    { name: "Hold", code: "HD" },
    { name: "Pending", code: "PN" },
  ],
};

export const REGION_DOMAIN: CodedValueDomain = {
  type: "codedValue",
  name: "OperatingRegion",
  codedValues: ["North", "South", "East", "West"].map((name) => ({ name, code: name })),
};

export const ZONING_DOMAIN: CodedValueDomain = {
  type: "codedValue",
  name: "ZoningDistrict",
  codedValues: [
    { name: "Single-Family Residential 6 DU/ac", code: "R-6" },
    { name: "Multifamily Residential", code: "MF" },
    { name: "Mixed Use", code: "MU" },
    { name: "Neighborhood Commercial", code: "NC" },
    { name: "Community Commercial", code: "CC" },
    { name: "Downtown", code: "DT" },
    { name: "Light Industrial", code: "LI" },
    { name: "Heavy Industrial", code: "HI" },
    { name: "Public/Institutional", code: "PI" },
  ],
};

export const ASSET_TYPE_DOMAIN: CodedValueDomain = {
  type: "codedValue",
  name: "UtilityAssetType",
  codedValues: [
    { name: "Hydrant", code: "HYD" },
    { name: "Valve", code: "VLV" },
    { name: "Manhole", code: "MH" },
    { name: "Catch Basin", code: "CB" },
    { name: "Utility Pole", code: "POLE" },
    { name: "Meter", code: "MTR" },
    { name: "Streetlight", code: "SL" },
  ],
};

export const CONDITION_DOMAIN: CodedValueDomain = {
  type: "codedValue",
  name: "AssetCondition",
  codedValues: [
    { name: "Excellent", code: 1 },
    { name: "Good", code: 2 },
    { name: "Fair", code: 3 },
    { name: "Poor", code: 4 },
    { name: "Critical", code: 5 },
  ],
};

export const LIFECYCLE_DOMAIN: CodedValueDomain = {
  type: "codedValue",
  name: "LifecycleStatus",
  codedValues: [
    { name: "Active", code: "ACT" },
    { name: "Proposed", code: "PRO" },
    { name: "Inactive", code: "INA" },
    { name: "Abandoned", code: "ABN" },
  ],
};

export const PROJECT_SITE_FIELDS: readonly ArcgisField[] = [
  ...IDENTITY_FIELDS,
  string("PROJECT_NUMBER", "Project Number", 20, { nullable: false }),
  string("PROJECT_NAME", "Project Name", 100),
  string("PROJECT_TYPE", "Project Type", 30),
  string("REGION", "Region", 10, { domain: REGION_DOMAIN }),
  string("STATUS", "Status", 2, { domain: SITE_STATUS_DOMAIN }),
  field("CONTRACT_VALUE", "esriFieldTypeDouble", "Contract Value (USD)"),
  field("START_DATE", "esriFieldTypeDate", "Start Date", { length: 8 }),
  field("EST_COMPLETION", "esriFieldTypeDate", "Estimated Completion", { length: 8 }),
  field("SITE_ACRES", "esriFieldTypeDouble", "Site Area (acres)"),
  string("SITE_ADDRESS", "Site Address", 120),
  string("CITY", "City", 50),
  string("OWNER_NAME", "Owner", 100),
  string("PROJECT_MANAGER", "Project Manager", 60),
  string("SUPERINTENDENT", "Superintendent", 60),
  string("PERMIT_NUMBER", "Building Permit", 20),
  ...EDITOR_TRACKING_FIELDS,
];

export const PARCEL_FIELDS: readonly ArcgisField[] = [
  ...IDENTITY_FIELDS,
  string("APN", "Assessor Parcel Number", 14, { nullable: false }),
  string("SITUS_ADDRESS", "Situs Address", 120),
  string("CITY", "City", 50),
  string("ZIP", "ZIP Code", 10),
  string("OWNER_NAME", "Owner Name", 100),
  field("ACREAGE", "esriFieldTypeDouble", "Acreage"),
  string("ZONING", "Zoning", 4, { domain: ZONING_DOMAIN }),
  field("LAND_VALUE", "esriFieldTypeDouble", "Assessed Land Value"),
  field("IMPR_VALUE", "esriFieldTypeDouble", "Assessed Improvement Value"),
  field("TAX_YEAR", "esriFieldTypeSmallInteger", "Tax Year"),
  field("LAST_SALE_DATE", "esriFieldTypeDate", "Last Sale Date", { length: 8 }),
  ...EDITOR_TRACKING_FIELDS,
];

export const UTILITY_ASSET_FIELDS: readonly ArcgisField[] = [
  ...IDENTITY_FIELDS,
  string("ASSET_ID", "Asset ID", 16, { nullable: false }),
  string("ASSET_TYPE", "Asset Type", 4, { domain: ASSET_TYPE_DOMAIN }),
  string("UTILITY_SYSTEM", "System", 12),
  string("MATERIAL", "Material", 30),
  field("DIAMETER_IN", "esriFieldTypeDouble", "Diameter (in)"),
  field("INSTALL_DATE", "esriFieldTypeDate", "Install Date", { length: 8 }),
  field("LAST_INSPECTION", "esriFieldTypeDate", "Last Inspection", { length: 8 }),
  field("CONDITION", "esriFieldTypeSmallInteger", "Condition", { domain: CONDITION_DOMAIN }),
  string("LIFECYCLE_STATUS", "Lifecycle Status", 3, { domain: LIFECYCLE_DOMAIN }),
  string("MAINTAINED_BY", "Maintained By", 60),
  string("PROJECT_NUMBER", "Installing Project", 20),
  ...EDITOR_TRACKING_FIELDS,
];
