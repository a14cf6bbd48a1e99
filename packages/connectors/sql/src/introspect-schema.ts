/**
 * Reads the database catalog and turns tables and views into entity sets: EDM types from column
 * types, keys from primary keys (or configuration), nullability from the schema, OData names for
 * every table and column (with the map back to database names), and per property what the
 * database evaluates exactly. Anything that cannot be exposed faithfully is left out with a
 * warning for the administrator, never guessed.
 */
import {
  type EdmPrimitiveType,
  type EntitySetDef,
  isSimpleIdentifier,
  type NavigationDef,
  type PropertyCapabilities,
  type PropertyDef,
} from "@headgate/model";
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
import { join, quotedIdentifier, raw, type SqlFragment, sql } from "./sql-fragment.ts";
import type { ColumnModel, TableModel, TextConvention } from "./table-model.ts";

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
  /** The entity type name; default: derived from the entity set name. */
  readonly entityType?: string;
  /**
   * The properties to expose, each mapped to a column with its value convention, in this order
   * (instead of one property per column). Key columns must be among them.
   */
  readonly properties?: readonly SqlPropertyOptions[];
  /** More tables whose rows belong to this entity set too (`UNION ALL`). */
  readonly union?: SqlUnionOptions;
  /** Navigation properties to other entity sets (of this connection or another), for `$expand`. */
  readonly navigation?: readonly NavigationDef[];
}

/** One exposed property and the column behind it. */
export interface SqlPropertyOptions {
  /** The OData property name. */
  readonly name: string;
  /** The column, as the database spells it. */
  readonly column: string;
  /** How fixed-width text is stored (see `TextConvention`); only for text columns. */
  readonly convention?: TextConvention;
  /**
   * With a convention: every non-blank value is stored padded with spaces to exactly this many
   * characters, so equality with a constant can compare the stored column (index-friendly).
   */
  readonly fixedWidth?: number;
  /**
   * Expose the column as another EDM type:
   * - `Edm.Decimal` over a numeric column; over a binary float column (`double`, `real`) it
   *   needs `scale`, and values are rounded to that many decimals wherever they are used, so
   *   money kept in doubles reads, compares and sums as exact cents;
   * - `Edm.Boolean` over an integer column: 0 is false, any other value true.
   */
  readonly type?: "Edm.Decimal" | "Edm.Boolean";
  readonly scale?: number;
  /**
   * With `Edm.Decimal` over a binary float column: the column only ever holds values at `scale`
   * (money entered and stored in cents), so they are used as stored (comparisons and ordering
   * on the column itself, as fast as plain SQL) instead of rounded wherever used; sums still add
   * whole units. A value with more decimals would then compare and sum slightly differently
   * from the engine.
   */
  readonly storedAtScale?: boolean;
  readonly precision?: number;
  /** For people and LLMs: what the value means, its units, its vocabulary. */
  readonly description?: string;
  /** The values the property can take (the engine rejects others in filters, naming these). */
  readonly allowedValues?: readonly string[];
  /** The property takes part in `$search`. */
  readonly searchable?: boolean;
}

/** An entity set whose rows come from several tables with the same columns. */
export interface SqlUnionOptions {
  /** The other tables or views (the entity set's `table` is the first member). */
  readonly tables: readonly string[];
  /** A text property telling which table a row came from. */
  readonly source?: {
    readonly property: string;
    /** The property's value per table name (every member); default: the table name. */
    readonly values?: Readonly<Record<string, string>>;
    readonly description?: string;
  };
}

/** The column a union's source label is read as, inside the derived table. */
const SOURCE_COLUMN = "headgate_source";
/** Source labels are written into the statement as literals, so they are kept to plain text. */
const SAFE_LABEL = /^[\p{L}\p{N} _.-]{1,100}$/u;
const DERIVED_TABLE = "headgate_union";

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
  for (const { options } of chosen) if (options?.entityType) typeNames.reserve(options.entityType);
  const tables: TableModel[] = [];
  for (const { raw, options } of chosen) {
    const name = options?.entitySet ?? setNames.allocate(toIdentifier(raw.name));
    const table = buildTable(raw, options, name, { dialect, features, schema, typeNames, warnings, catalog });
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
    const raw = findTable(catalog, options.table);
    if (raw === undefined) {
      warnings.push(
        `Table '${options.table}' was not found (or the database user cannot see it); it is not exposed.`,
      );
      return [];
    }
    return [{ raw, options }];
  });
}

function findTable(catalog: readonly RawTable[], name: string): RawTable | undefined {
  return (
    catalog.find((t) => t.name === name) ?? catalog.find((t) => t.name.toLowerCase() === name.toLowerCase())
  );
}

interface BuildContext {
  readonly dialect: SqlDialect;
  readonly features: DialectFeatures;
  readonly schema: string | undefined;
  readonly typeNames: NameAllocator;
  readonly warnings: string[];
  readonly catalog: readonly RawTable[];
}

/** A column to expose, with its configuration when the table maps properties. */
interface Wanted {
  readonly column: RawColumn;
  readonly mapping: SqlPropertyOptions | undefined;
}

/** A column shaped for exposure: its model and its property's type facets. */
interface Shaped {
  readonly model: ColumnModel;
  readonly nullable: boolean;
  readonly precision?: number;
  readonly scale?: number;
  readonly maxLength?: number;
}

function buildTable(
  raw: RawTable,
  options: SqlTableOptions | undefined,
  entitySet: string,
  ctx: BuildContext,
): TableModel | undefined {
  const { dialect, warnings } = ctx;
  const where = `Table '${raw.name}'`;
  const members = unionMembers(raw, options, where, ctx);
  if (members === undefined) return undefined;
  const source = options?.union?.source;
  const keyNames =
    options?.key ?? (source === undefined ? raw.primaryKey : [...raw.primaryKey, source.property]);
  if (keyNames.length === 0) {
    warnings.push(
      `${where} has no primary key; it is not exposed. Configure 'key' with the columns that identify a row.`,
    );
    return undefined;
  }
  if (members.length > 1 && options?.key === undefined && source === undefined) {
    warnings.push(
      `${where}: the rows of a union are not identified by one table's primary key; configure 'key' (or a union 'source' property). It is not exposed.`,
    );
    return undefined;
  }
  const wanted = wantedColumns(raw, options, keyNames, where, warnings);
  if (members.length > 1 && !sameColumns(members, wanted, where, warnings)) return undefined;
  if (source && wanted.some(({ column }) => column.name === SOURCE_COLUMN)) {
    warnings.push(
      `${where}: column '${SOURCE_COLUMN}' clashes with the union source; the entity set is not exposed.`,
    );
    return undefined;
  }
  const propertyNames = new NameAllocator(true);
  for (const { mapping } of wanted) if (mapping) propertyNames.reserve(mapping.name);
  if (source) propertyNames.reserve(source.property);
  const columns: ColumnModel[] = [];
  const definitions: PropertyDef[] = [];
  const searchableOption = options?.searchable;
  for (const { column, mapping } of wanted) {
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
    const property = mapping?.name ?? propertyNames.allocate(toIdentifier(column.name));
    const shaped = shapeColumn(
      column,
      mapped,
      mapping,
      property,
      quotedIdentifier(quoted),
      `${where}: column '${column.name}'`,
      ctx,
    );
    if (shaped === undefined) continue;
    const model = shaped.model;
    const isKey = keyNames.includes(column.name);
    const searchable =
      model.type === "Edm.String" &&
      (mapping?.searchable === true ||
        searchableOption === true ||
        (searchableOption ?? []).includes(column.name));
    columns.push(model);
    definitions.push(propertyDefinition(column, mapping, shaped, isKey, searchable, ctx));
  }
  if (source) {
    const built = sourceColumn(members, source, where, ctx);
    if (built === undefined) return undefined;
    columns.push(built.model);
    definitions.push(built.definition);
  }
  const from =
    members.length === 1
      ? dialect.tableName(ctx.schema ?? dialect.defaultSchema, raw.name)
      : unionFrom(members, columns, source, ctx);
  if (from === undefined) {
    warnings.push(`${where} has a name this database dialect cannot quote safely; it is not exposed.`);
    return undefined;
  }
  const byColumn = new Map(
    columns.map((c) => [c.column === SOURCE_COLUMN && source ? source.property : c.column, c] as const),
  );
  const key = keyNames.map((name) => byColumn.get(name));
  const missing = keyNames.filter((_, i) => key[i] === undefined);
  if (missing.length > 0) {
    warnings.push(
      `${where}: key column(s) ${missing.map((m) => `'${m}'`).join(", ")} cannot be exposed; the table is not exposed.`,
    );
    return undefined;
  }
  const keyColumns = key.filter((c): c is ColumnModel => c !== undefined);
  const unusable = keyColumns.filter((c) => !KEY_TYPES.has(c.type) || c.convention === "emptyAsNull");
  if (unusable.length > 0) {
    const first = unusable[0]!;
    warnings.push(
      KEY_TYPES.has(first.type)
        ? `${where}: key column '${first.column}' reads as null for blank values, so it cannot identify a row; the table is not exposed.`
        : `${where}: key column '${first.column}' has type ${first.type}, which cannot identify a row; the table is not exposed.`,
    );
    return undefined;
  }
  for (const name of searchableOption === true ? [] : (searchableOption ?? [])) {
    const column = byColumn.get(name);
    if (column === undefined || column.type !== "Edm.String")
      warnings.push(`${where}: searchable column '${name}' is not an exposed text column; it is ignored.`);
  }
  const marked = columns.filter((_, i) => definitions[i]!.capabilities.searchable);
  const typeName = options?.entityType ?? uniqueTypeName(entitySet, definitions, ctx.typeNames);
  const description = options?.description ?? raw.description;
  const definition: EntitySetDef = {
    name: entitySet,
    entityType: {
      name: typeName,
      key: keyColumns.map((c) => c.property),
      properties: definitions,
      navigation: options?.navigation ?? [],
      ...(description === undefined ? {} : { description }),
    },
    ...(description === undefined ? {} : { description }),
  };
  return {
    entitySet: definition,
    schema: ctx.schema ?? dialect.defaultSchema,
    table: raw.name,
    members: members.map((m) => m.name),
    kind: members.every((m) => m.kind === "table") ? "table" : "view",
    from,
    columns: new Map(columns.map((c) => [c.property, c] as const)),
    key: keyColumns,
    searchColumns: marked.length > 0 ? marked : columns.filter((c) => c.type === "Edm.String"),
  };
}

/** The tables behind the entity set: the table, then the other union members. */
function unionMembers(
  raw: RawTable,
  options: SqlTableOptions | undefined,
  where: string,
  ctx: BuildContext,
): RawTable[] | undefined {
  const members = [raw];
  for (const name of options?.union?.tables ?? []) {
    const member = findTable(ctx.catalog, name);
    if (member === undefined) {
      ctx.warnings.push(
        `${where}: union member '${name}' was not found (or the database user cannot see it); the entity set is not exposed.`,
      );
      return undefined;
    }
    if (members.includes(member)) {
      ctx.warnings.push(`${where}: union member '${name}' is listed twice; the entity set is not exposed.`);
      return undefined;
    }
    members.push(member);
  }
  return members;
}

/** The columns to expose: the mapped ones in mapping order, or the table's columns as chosen. */
function wantedColumns(
  raw: RawTable,
  options: SqlTableOptions | undefined,
  keyNames: readonly string[],
  where: string,
  warnings: string[],
): Wanted[] {
  if (options?.properties === undefined) {
    const chosen = (column: RawColumn) =>
      keyNames.includes(column.name) ||
      ((options?.columns === undefined || options.columns.includes(column.name)) &&
        !(options?.exclude ?? []).includes(column.name));
    return raw.columns.filter(chosen).map((column) => ({ column, mapping: undefined }));
  }
  const taken = new NameAllocator(true);
  return options.properties.flatMap((mapping) => {
    const column =
      raw.columns.find((c) => c.name === mapping.column) ??
      raw.columns.find((c) => c.name.toLowerCase() === mapping.column.toLowerCase());
    if (column === undefined) {
      warnings.push(
        `${where}: column '${mapping.column}' (property '${mapping.name}') was not found; it is left out.`,
      );
      return [];
    }
    if (!isSimpleIdentifier(mapping.name) || mapping.name === "__proto__") {
      warnings.push(
        `${where}: '${mapping.name}' is not a valid OData property name; column '${column.name}' is left out.`,
      );
      return [];
    }
    if (taken.has(mapping.name)) {
      warnings.push(
        `${where}: property '${mapping.name}' is mapped twice; column '${column.name}' is left out.`,
      );
      return [];
    }
    taken.reserve(mapping.name);
    return [{ column, mapping }];
  });
}

/** Every union member has the exposed columns, with the same declared types. */
function sameColumns(
  members: readonly RawTable[],
  wanted: readonly Wanted[],
  where: string,
  warnings: string[],
): boolean {
  for (const member of members.slice(1)) {
    for (const { column } of wanted) {
      const other = member.columns.find((c) => c.name === column.name);
      if (other === undefined || other.declaredType !== column.declaredType) {
        warnings.push(
          other === undefined
            ? `${where}: union member '${member.name}' has no column '${column.name}'; the entity set is not exposed.`
            : `${where}: column '${column.name}' is '${column.declaredType}' but '${other.declaredType}' in union member '${member.name}'; the entity set is not exposed.`,
        );
        return false;
      }
    }
  }
  return true;
}

/**
 * The column as the property exposes it: its value convention and type override applied to the
 * expression, so every compiler sees the property's value and never the stored text.
 */
function shapeColumn(
  column: RawColumn,
  mapped: ColumnType,
  mapping: SqlPropertyOptions | undefined,
  property: string,
  identifier: SqlFragment,
  where: string,
  ctx: BuildContext,
): Shaped | undefined {
  const { dialect, warnings } = ctx;
  let model: ColumnModel = {
    property,
    column: column.name,
    type: mapped.type,
    storage: mapped.storage,
    identifier,
    expression: identifier,
    ...(mapped.scale === undefined ? {} : { scale: mapped.scale }),
    ...(mapped.fractionalDigits === undefined ? {} : { fractionalDigits: mapped.fractionalDigits }),
  };
  let nullable = column.nullable;
  let facets: { precision?: number; scale?: number; maxLength?: number } = {
    ...(mapped.precision === undefined ? {} : { precision: mapped.precision }),
    ...(mapped.scale === undefined ? {} : { scale: mapped.scale }),
    ...(mapped.maxLength === undefined ? {} : { maxLength: mapped.maxLength }),
  };
  const convention = mapping?.convention;
  const width = mapping?.fixedWidth;
  if (width !== undefined && (convention === undefined || !Number.isInteger(width) || width < 1)) {
    warnings.push(`${where}: fixedWidth needs a text convention and a positive whole width; it is ignored.`);
  }
  if (convention !== undefined) {
    if (mapped.storage !== "text" && mapped.storage !== "castText") {
      warnings.push(`${where} is not text; the '${convention}' convention is ignored.`);
    } else {
      const trimmed = dialect.trimEnd(dialect.value(model));
      nullable ||= convention === "emptyAsNull";
      model = {
        ...model,
        storage: "text",
        expression: convention === "emptyAsNull" ? sql`NULLIF(${trimmed}, '')` : trimmed,
        convention,
        ...(width !== undefined && Number.isInteger(width) && width >= 1 ? { fixedWidth: width } : {}),
        ...(mapped.storage === "text" && mapped.maxLength !== undefined
          ? { maxLength: mapped.maxLength }
          : {}),
      };
    }
  }
  const scale = mapping?.scale;
  if (scale !== undefined && (!Number.isInteger(scale) || scale < 0 || scale > 9)) {
    warnings.push(`${where}: scale ${scale} is not a whole number from 0 to 9; the column is left out.`);
    return undefined;
  }
  if (mapping?.type === "Edm.Decimal") {
    const precision = mapping.precision ?? (mapped.type === "Edm.Decimal" ? mapped.precision : undefined);
    switch (mapped.storage) {
      case "double":
      case "float4":
        if (scale === undefined) {
          warnings.push(
            `${where} holds binary floating-point numbers; exposing it as Edm.Decimal needs a 'scale' to round to. It is left out.`,
          );
          return undefined;
        }
        model = mapping.storedAtScale
          ? {
              ...model,
              type: "Edm.Decimal",
              storage: "double",
              expression: dialect.value(model),
              scale,
              rounded: { scale },
            }
          : {
              ...model,
              type: "Edm.Decimal",
              storage: "double",
              expression: dialect.roundTo(dialect.value(model), scale),
              scale,
              rounded: { scale, stored: dialect.value(model) },
            };
        break;
      case "int":
      case "bigint":
      case "decimal":
        model = {
          ...model,
          type: "Edm.Decimal",
          ...((scale ?? mapped.scale) === undefined ? {} : { scale: scale ?? mapped.scale }),
        };
        break;
      default:
        warnings.push(
          `${where} is not numeric; it cannot be exposed as Edm.Decimal and keeps type ${mapped.type}.`,
        );
        return withFacets(model, nullable, facets);
    }
    facets = {
      ...(precision === undefined ? {} : { precision }),
      ...(model.scale === undefined ? {} : { scale: model.scale }),
    };
  } else if (mapping?.type === "Edm.Boolean") {
    if (mapped.storage === "int" || mapped.storage === "bigint") {
      model = {
        ...model,
        type: "Edm.Boolean",
        storage: "boolean",
        expression: dialect.nonZero(model.expression),
      };
      facets = {};
    } else {
      warnings.push(
        `${where} is not an integer; it cannot be exposed as Edm.Boolean and keeps type ${mapped.type}.`,
      );
    }
  } else if (mapping?.type !== undefined) {
    warnings.push(
      `${where}: type '${String(mapping.type)}' cannot be imposed; it keeps type ${mapped.type}.`,
    );
  }
  return withFacets(model, nullable, facets);
}

function withFacets(
  model: ColumnModel,
  nullable: boolean,
  facets: { precision?: number; scale?: number; maxLength?: number },
): Shaped {
  return { model: { ...model, nullable }, nullable, ...facets };
}

/** The property telling which union member a row came from. */
function sourceColumn(
  members: readonly RawTable[],
  source: NonNullable<SqlUnionOptions["source"]>,
  where: string,
  ctx: BuildContext,
): { model: ColumnModel; definition: PropertyDef } | undefined {
  const labels = members.map((m) => source.values?.[m.name] ?? m.name);
  const bad = labels.find((l) => !SAFE_LABEL.test(l));
  const quoted = ctx.dialect.quote(SOURCE_COLUMN);
  if (!isSimpleIdentifier(source.property) || bad !== undefined || quoted === undefined) {
    ctx.warnings.push(
      bad === undefined
        ? `${where}: '${source.property}' is not a valid OData property name for the union source; the entity set is not exposed.`
        : `${where}: union source value '${bad}' may only hold letters, digits, spaces, '_', '.' and '-'; the entity set is not exposed.`,
    );
    return undefined;
  }
  if (new Set(labels).size !== labels.length) {
    ctx.warnings.push(`${where}: the union source values are not distinct; the entity set is not exposed.`);
    return undefined;
  }
  const identifier = quotedIdentifier(quoted);
  const model: ColumnModel = {
    property: source.property,
    column: SOURCE_COLUMN,
    type: "Edm.String",
    storage: "text",
    identifier,
    expression: identifier,
    nullable: false,
  };
  const description =
    source.description ??
    `Which table the row comes from: ${members.map((m, i) => `'${labels[i]}' (${m.name})`).join(", ")}.`;
  return {
    model,
    definition: {
      name: source.property,
      type: "Edm.String",
      nullable: false,
      capabilities: {
        filter: ctx.dialect.filterOperators("text", ctx.features),
        sortable: ctx.dialect.sortable("text"),
        requiredInFilter: false,
        searchable: false,
      },
      description,
      allowedValues: labels,
    },
  };
}

/**
 * The members as one derived table: `(SELECT cols, 'label' AS source FROM a UNION ALL ...) AS u`.
 * Filters, ordering, paging, counts and aggregates then apply across all members in one
 * statement (the databases push predicates into each branch).
 */
function unionFrom(
  members: readonly RawTable[],
  columns: readonly ColumnModel[],
  source: SqlUnionOptions["source"],
  ctx: BuildContext,
): SqlFragment | undefined {
  const { dialect } = ctx;
  const stored = columns.filter((c) => !(source && c.column === SOURCE_COLUMN));
  const list = join(
    stored.map((c) => c.identifier),
    ", ",
  );
  const alias = dialect.quote(DERIVED_TABLE);
  const branches: SqlFragment[] = [];
  for (const member of members) {
    const name = dialect.tableName(ctx.schema ?? dialect.defaultSchema, member.name);
    if (name === undefined || alias === undefined) return undefined;
    const label = source ? (source.values?.[member.name] ?? member.name) : undefined;
    const labelColumn =
      label === undefined ? raw("") : raw(`, '${label}' AS ${dialect.quote(SOURCE_COLUMN)}`);
    branches.push(sql`SELECT ${list}${labelColumn} FROM ${name}`);
  }
  return sql`(${join(branches, " UNION ALL ")}) AS ${quotedIdentifier(alias!)}`;
}

function propertyDefinition(
  column: RawColumn,
  mapping: SqlPropertyOptions | undefined,
  shaped: Shaped,
  isKey: boolean,
  searchable: boolean,
  ctx: BuildContext,
): PropertyDef {
  const { model } = shaped;
  const capabilities: PropertyCapabilities = {
    filter: ctx.dialect.filterOperators(model.storage, ctx.features),
    sortable: ctx.dialect.sortable(model.storage),
    requiredInFilter: false,
    searchable,
  };
  const renamed = model.property !== column.name ? `Column '${column.name}'.` : undefined;
  const description =
    mapping?.description ?? [column.description, renamed].filter((d) => d !== undefined).join(" ");
  const allowedValues = mapping?.allowedValues ?? column.allowedValues;
  const type: EdmPrimitiveType = model.type;
  return {
    name: model.property,
    type,
    nullable: isKey ? false : shaped.nullable,
    capabilities,
    ...(description === "" ? {} : { description }),
    ...(shaped.precision === undefined ? {} : { precision: shaped.precision }),
    ...(shaped.scale === undefined ? {} : { scale: shaped.scale }),
    ...(shaped.maxLength === undefined ? {} : { maxLength: shaped.maxLength }),
    ...(allowedValues === undefined ? {} : { allowedValues }),
  };
}

function uniqueTypeName(entitySet: string, properties: readonly PropertyDef[], names: NameAllocator): string {
  let wanted = entityTypeName(entitySet);
  if (wanted === entitySet || properties.some((p) => p.name === wanted)) wanted = `${entitySet}Row`;
  while (properties.some((p) => p.name === wanted) || names.has(wanted)) wanted = `${wanted}_`;
  return names.allocate(wanted);
}
