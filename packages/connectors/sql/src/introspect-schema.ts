/**
 * Reads the database catalog and turns tables and views into entity sets: EDM types from column
 * types, keys from primary keys (or configuration), nullability from the schema, OData names for
 * every table and column (with the map back to database names), and per property what the
 * database evaluates exactly. Anything that cannot be exposed faithfully is left out with a
 * warning for the administrator, never guessed.
 */
import type { EntitySetDef, PropertyCapabilities, PropertyDef } from "@headgate/model";
import type { Knex } from "knex";
import type {
  ColumnType,
  DialectFeatures,
  RawColumn,
  RawTable,
  SelectRunner,
  SqlDialect,
} from "./dialects/dialect.ts";
import { entityTypeName, NameAllocator, toIdentifier } from "./identifiers.ts";
import { quotedIdentifier } from "./sql-fragment.ts";
import type { ColumnModel, TableModel } from "./table-model.ts";

/** One table or view to expose, as an administrator configures it. */
export interface SqlTableOptions {
  /** The table or view name, as the database spells it. */
  readonly table: string;
  /** The entity set name; default: the table name made a valid OData identifier. */
  readonly entitySet?: string;
  /** Key columns, for views and tables without a primary key. */
  readonly key?: readonly string[];
  /** Expose only these columns (key columns are always exposed). */
  readonly columns?: readonly string[];
  /** Hide these columns. */
  readonly exclude?: readonly string[];
  /** Text columns `$search` looks in; `true` for every text column. */
  readonly searchable?: readonly string[] | true;
  /** For people and LLMs: what a row is. Default: the table's comment. */
  readonly description?: string;
}

export interface Introspection {
  readonly tables: readonly TableModel[];
  readonly features: DialectFeatures;
  /** What could not be exposed, and why, for the administrator. */
  readonly warnings: readonly string[];
}

const KEY_TYPES = new Set([
  "Edm.String",
  "Edm.Int32",
  "Edm.Int64",
  "Edm.Decimal",
  "Edm.Date",
  "Edm.DateTimeOffset",
  "Edm.Guid",
  "Edm.Boolean",
  "Edm.TimeOfDay",
]);

export async function introspectSchema(
  knex: Knex,
  run: SelectRunner,
  dialect: SqlDialect,
  schema: string | undefined,
  configured: readonly SqlTableOptions[] | undefined,
): Promise<Introspection> {
  const catalog = await dialect.readCatalog(knex, run, schema);
  const features = await dialect.readFeatures(knex, run);
  const warnings: string[] = [];
  const chosen = chooseTables(catalog, configured, warnings);
  const setNames = new NameAllocator(true);
  for (const { options } of chosen) if (options?.entitySet) setNames.reserve(options.entitySet);
  const typeNames = new NameAllocator(false);
  typeNames.reserve("Container");
  const tables: TableModel[] = [];
  for (const { raw, options } of chosen) {
    const name = options?.entitySet ?? setNames.allocate(toIdentifier(raw.name));
    const table = buildTable(raw, options, name, { dialect, features, schema, typeNames, warnings });
    if (table) tables.push(table);
  }
  return { tables, features, warnings };
}

interface Chosen {
  readonly raw: RawTable;
  readonly options: SqlTableOptions | undefined;
}

function chooseTables(
  catalog: readonly RawTable[],
  configured: readonly SqlTableOptions[] | undefined,
  warnings: string[],
): Chosen[] {
  if (configured === undefined) return catalog.map((raw) => ({ raw, options: undefined }));
  return configured.flatMap((options) => {
    const raw =
      catalog.find((t) => t.name === options.table) ??
      catalog.find((t) => t.name.toLowerCase() === options.table.toLowerCase());
    if (raw === undefined) {
      warnings.push(
        `Table '${options.table}' was not found (or the database user cannot see it); it is not exposed.`,
      );
      return [];
    }
    return [{ raw, options }];
  });
}

interface BuildContext {
  readonly dialect: SqlDialect;
  readonly features: DialectFeatures;
  readonly schema: string | undefined;
  readonly typeNames: NameAllocator;
  readonly warnings: string[];
}

function buildTable(
  raw: RawTable,
  options: SqlTableOptions | undefined,
  entitySet: string,
  ctx: BuildContext,
): TableModel | undefined {
  const { dialect, warnings } = ctx;
  const where = `Table '${raw.name}'`;
  const from = dialect.tableName(ctx.schema ?? dialect.defaultSchema, raw.name);
  if (from === undefined) {
    warnings.push(`${where} has a name this database dialect cannot quote safely; it is not exposed.`);
    return undefined;
  }
  const keyNames = options?.key ?? raw.primaryKey;
  if (keyNames.length === 0) {
    warnings.push(
      `${where} has no primary key; it is not exposed. Configure 'key' with the columns that identify a row.`,
    );
    return undefined;
  }
  const wanted = (column: RawColumn) =>
    keyNames.includes(column.name) ||
    ((options?.columns === undefined || options.columns.includes(column.name)) &&
      !(options?.exclude ?? []).includes(column.name));
  const propertyNames = new NameAllocator(true);
  const columns: ColumnModel[] = [];
  const definitions: PropertyDef[] = [];
  const searchableOption = options?.searchable;
  for (const column of raw.columns.filter(wanted)) {
    const mapped = dialect.columnType(column);
    const quoted = dialect.quote(column.name);
    if (mapped === undefined || quoted === undefined) {
      warnings.push(
        mapped === undefined
          ? `${where}: column '${column.name}' has type '${column.declaredType || "(none)"}', which Headgate cannot expose; it is left out.`
          : `${where}: column '${column.name}' has a name this database dialect cannot quote safely; it is left out.`,
      );
      continue;
    }
    const property = propertyNames.allocate(toIdentifier(column.name));
    const isKey = keyNames.includes(column.name);
    const searchable =
      mapped.type === "Edm.String" &&
      (searchableOption === true || (searchableOption ?? []).includes(column.name));
    const model: ColumnModel = {
      property,
      column: column.name,
      type: mapped.type,
      storage: mapped.storage,
      identifier: quotedIdentifier(quoted),
      ...(mapped.scale === undefined ? {} : { scale: mapped.scale }),
      ...(mapped.fractionalDigits === undefined ? {} : { fractionalDigits: mapped.fractionalDigits }),
    };
    columns.push(model);
    definitions.push(propertyDefinition(column, mapped, model, isKey, searchable, ctx));
  }
  const byColumn = new Map(columns.map((c) => [c.column, c] as const));
  const key = keyNames.map((name) => byColumn.get(name));
  const missing = keyNames.filter((_, i) => key[i] === undefined);
  if (missing.length > 0) {
    warnings.push(
      `${where}: key column(s) ${missing.map((m) => `'${m}'`).join(", ")} cannot be exposed; the table is not exposed.`,
    );
    return undefined;
  }
  const keyColumns = key.filter((c): c is ColumnModel => c !== undefined);
  const unusable = keyColumns.filter((c) => !KEY_TYPES.has(c.type));
  if (unusable.length > 0) {
    warnings.push(
      `${where}: key column '${unusable[0]!.column}' has type ${unusable[0]!.type}, which cannot identify a row; the table is not exposed.`,
    );
    return undefined;
  }
  for (const name of searchableOption === true ? [] : (searchableOption ?? [])) {
    const column = byColumn.get(name);
    if (column === undefined || column.type !== "Edm.String")
      warnings.push(`${where}: searchable column '${name}' is not an exposed text column; it is ignored.`);
  }
  const marked = columns.filter((_, i) => definitions[i]!.capabilities.searchable);
  const typeName = uniqueTypeName(entitySet, definitions, ctx.typeNames);
  const description = options?.description ?? raw.description;
  const definition: EntitySetDef = {
    name: entitySet,
    entityType: {
      name: typeName,
      key: keyColumns.map((c) => c.property),
      properties: definitions,
      navigation: [],
      ...(description === undefined ? {} : { description }),
    },
    ...(description === undefined ? {} : { description }),
  };
  return {
    entitySet: definition,
    schema: ctx.schema ?? dialect.defaultSchema,
    table: raw.name,
    kind: raw.kind,
    from,
    columns: new Map(columns.map((c) => [c.property, c] as const)),
    key: keyColumns,
    searchColumns: marked.length > 0 ? marked : columns.filter((c) => c.type === "Edm.String"),
  };
}

function propertyDefinition(
  column: RawColumn,
  mapped: ColumnType,
  model: ColumnModel,
  isKey: boolean,
  searchable: boolean,
  ctx: BuildContext,
): PropertyDef {
  const capabilities: PropertyCapabilities = {
    filter: ctx.dialect.filterOperators(mapped.storage, ctx.features),
    sortable: ctx.dialect.sortable(mapped.storage),
    requiredInFilter: false,
    searchable,
  };
  const renamed = model.property !== column.name ? `Column '${column.name}'.` : undefined;
  const description = [column.description, renamed].filter((d) => d !== undefined).join(" ");
  return {
    name: model.property,
    type: mapped.type,
    nullable: isKey ? false : column.nullable,
    capabilities,
    ...(description === "" ? {} : { description }),
    ...(mapped.precision === undefined ? {} : { precision: mapped.precision }),
    ...(mapped.scale === undefined ? {} : { scale: mapped.scale }),
    ...(mapped.maxLength === undefined ? {} : { maxLength: mapped.maxLength }),
    ...(column.allowedValues === undefined ? {} : { allowedValues: column.allowedValues }),
  };
}

function uniqueTypeName(entitySet: string, properties: readonly PropertyDef[], names: NameAllocator): string {
  let wanted = entityTypeName(entitySet);
  if (wanted === entitySet || properties.some((p) => p.name === wanted)) wanted = `${entitySet}Row`;
  while (properties.some((p) => p.name === wanted) || names.has(wanted)) wanted = `${wanted}_`;
  return names.allocate(wanted);
}
