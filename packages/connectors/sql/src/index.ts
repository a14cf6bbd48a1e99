export type { WriteAccessReport } from "./dialects/dialect.ts";
export type { SqlPropertyOptions, SqlTableOptions, SqlUnionOptions } from "./introspect-schema.ts";
export type { SqlConnector, SqlConnectorOptions, TableMapping } from "./sql-connector.ts";
export { createSqlConnector } from "./sql-connector.ts";
export type { TextConvention } from "./table-model.ts";
