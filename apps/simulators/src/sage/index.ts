export { SageLoadError } from "./errors.ts";
export type { LoadOptions, LoadSummary, RowCounts } from "./load-sage-database.ts";
export { loadSageDatabase } from "./load-sage-database.ts";
export type { PgConnection, SageDatabase } from "./open-database.ts";
export {
  createSagePostgres,
  createSageSqlite,
  openSageSqliteReadOnly,
  sagePostgresKnex,
} from "./open-database.ts";
export type { ReadOnlyRoleOptions } from "./read-only-role.ts";
export { createReadOnlyRole, dropReadOnlyRole } from "./read-only-role.ts";
export type { ColumnSpec, ColumnType, TableSchema } from "./table-schemas.ts";
export { TABLE_SCHEMAS } from "./table-schemas.ts";
