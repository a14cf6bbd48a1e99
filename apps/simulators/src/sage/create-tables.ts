/**
 * Creates the Sage tables (and, after the load, their secondary indexes) through knex, so the same
 * declarations give the same tables in SQLite and Postgres. Identifiers keep Sage's mixed case;
 * in Postgres that means they are quoted, as knex does and as raw SQL must.
 */

import type { SageTableName } from "@headgate/demo-world";
import type { Knex } from "knex";
import { type ColumnType, TABLE_SCHEMAS } from "./table-schemas.ts";

function sqlType(type: ColumnType): string {
  switch (type.kind) {
    case "varchar":
      return `VARCHAR(${type.width})`;
    case "date":
      return "DATE";
    case "double":
      return "DOUBLE PRECISION";
    case "real":
      return "REAL";
    case "integer":
      return "INTEGER";
    case "smallint":
      return "SMALLINT";
  }
}

export async function createSageTable(knex: Knex, table: SageTableName, schema?: string): Promise<void> {
  const spec = TABLE_SCHEMAS[table];
  await schemaBuilder(knex, schema).createTable(table, (t) => {
    for (const column of spec.columns) {
      const builder = t.specificType(column.name, sqlType(column.type));
      if (column.nullable) builder.nullable();
      else builder.notNullable();
    }
    t.primary([...spec.primaryKey]);
  });
}

export async function createSageIndexes(knex: Knex, table: SageTableName, schema?: string): Promise<void> {
  const indexes = TABLE_SCHEMAS[table].indexes ?? [];
  if (indexes.length === 0) return;
  await schemaBuilder(knex, schema).alterTable(table, (t) => {
    for (const columns of indexes) t.index([...columns], `${table}_${columns.join("_")}`);
  });
}

function schemaBuilder(knex: Knex, schema: string | undefined): Knex.SchemaBuilder {
  return schema ? knex.schema.withSchema(schema) : knex.schema;
}
