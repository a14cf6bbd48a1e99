/** The ArcGIS Enterprise release the simulator presents itself as. */
export const CURRENT_VERSION = 11.1;
export const FULL_VERSION = "11.1.0";
/** The simulator answers JSON and GeoJSON; it does not encode PBF, so it does not claim it. */
export const SUPPORTED_QUERY_FORMATS = "JSON, geoJSON";
