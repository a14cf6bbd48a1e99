/**
 * Reads the database catalog and turns tables and views into entity sets: EDM types from column
 * types, keys from primary keys (or configuration), nullability from the schema, OData names for
 * every table and column (with the map back to database names), and per property what the
 * database evaluates exactly. Anything that cannot be exposed faithfully is left out, never
 * guessed, and reported to the administrator with the reason and how to include it
 * (schema-notes.ts).
 */

import type { ConnectorWarning, LeftOutItem } from "@headgate/connector-kit";
import {
  type EdmPrimitiveType,
  type EntitySetDef,
  isSimpleIdentifier,
  type NavigationDef,
  type PropertyCapabilities,
  type PropertyDef,
} from "@headgate/model";
import { closestMatches } from "@headgate/odata";
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
import { SchemaNotes, type TableSubject } from "./schema-notes.ts";
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
  /** What is not exposed, why, and how to include it, for the administrator. */
  readonly leftOut: readonly LeftOutItem[];
  /** Settings that have no effect, and why. */
  readonly warnings: readonly ConnectorWarning[];
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
  const notes = new SchemaNotes();
  const shown = schema ?? dialect.defaultSchema;
  const chosen = chooseTables(catalog, configured, shown, notes);
  const setNames = new NameAllocator(true);
  for (const { options } of chosen) if (options?.entitySet) setNames.reserve(options.entitySet);
  const typeNames = new NameAllocator(false);
  typeNames.reserve("Container");
  for (const { options } of chosen) if (options?.entityType) typeNames.reserve(options.entityType);
  const tables: TableModel[] = [];
  for (const { raw, options, setting } of chosen) {
    const name = options?.entitySet ?? setNames.allocate(toIdentifier(raw.name));
    const subject: TableSubject = {
      name: raw.name,
      kind: raw.kind,
      ...(setting === undefined ? {} : { setting }),
      ...(options === undefined ? {} : { options }),
    };
    const table = buildTable(raw, subject, name, { dialect, features, schema, typeNames, notes, catalog });
    if (table) tables.push(table);
  }
  return { tables, features, leftOut: notes.leftOut, warnings: notes.warnings };
}

interface Chosen {
  readonly raw: RawTable;
  readonly options: SqlTableOptions | undefined;
  /** Where the settings list the table. */
  readonly setting?: string;
}

function chooseTables(
  catalog: readonly RawTable[],
  configured: readonly SqlTableOptions[] | undefined,
  schema: string | undefined,
  notes: SchemaNotes,
): Chosen[] {
  if (configured === undefined) return catalog.map((raw) => ({ raw, options: undefined }));
  return configured.flatMap((options, index) => {
    const setting = `tables[${index}]`;
    const raw = findTable(catalog, options.table);
    if (raw === undefined) {
      notFound({ name: options.table, kind: "table", setting, options }, catalog, schema, notes);
      return [];
    }
    return [{ raw, options, setting }];
  });
}

/** A listed table the catalog does not hold: a misspelling (the closest names), a schema, a grant. */
function notFound(
  subject: TableSubject,
  catalog: readonly RawTable[],
  schema: string | undefined,
  notes: SchemaNotes,
): void {
  const [closest] = closestMatches(
    subject.name,
    catalog.map((t) => t.name),
    1,
  );
  const where = schema === undefined ? "" : ` in schema '${schema}'`;
  const check =
    closest === undefined
      ? `Check the name, the connection's schema, and that the database user may read it.`
      : `Did you mean '${closest}'? Otherwise check the connection's schema, and that the database user may read it.`;
  notes.table(
    subject,
    "NotFound",
    `was not found${where} (or the database user cannot see it)`,
    check,
    closest === undefined ? undefined : { table: closest },
  );
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
  readonly notes: SchemaNotes;
  readonly catalog: readonly RawTable[];
}

/** A column to expose, with its configuration when the table maps properties. */
interface Wanted {
  readonly column: RawColumn;
  readonly mapping: SqlPropertyOptions | undefined;
  /** Where the settings map the column (`tables[0].properties[3]`). */
  readonly setting?: string;
}

/** A column being shaped, for what is said about it. */
interface ColumnAt {
  readonly subject: TableSubject;
  readonly column: string;
  readonly setting?: string;
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
  subject: TableSubject,
  entitySet: string,
  ctx: BuildContext,
): TableModel | undefined {
  const { dialect, notes } = ctx;
  const options = subject.options;
  const members = unionMembers(raw, subject, ctx);
  if (members === undefined) return undefined;
  const source = options?.union?.source;
  const keyNames =
    options?.key ?? (source === undefined ? raw.primaryKey : [...raw.primaryKey, source.property]);
  if (keyNames.length === 0) {
    const guess = suggestedKey(raw, dialect);
    notes.table(
      subject,
      "NoKey",
      raw.kind === "view" ? "has no key (a view has no primary key)" : "has no primary key",
      `Set its 'key' to the column(s) whose values identify one row${guess === undefined ? "" : `, for example ['${guess}']`}.`,
      guess === undefined ? undefined : { key: [guess] },
    );
    return undefined;
  }
  if (members.length > 1 && options?.key === undefined && source === undefined) {
    notes.table(
      subject,
      "UnionNeedsKey",
      "gathers a union whose rows one table's primary key does not identify",
      "Set its 'key' to the column(s) that identify a row across the union, or give the union a 'source' property (it joins the key).",
    );
    return undefined;
  }
  const wanted = wantedColumns(raw, subject, keyNames, notes);
  if (members.length > 1 && !sameColumns(members, wanted, subject, notes)) return undefined;
  if (source && wanted.some(({ column }) => column.name === SOURCE_COLUMN)) {
    notes.table(
      subject,
      "UnionSourceInvalid",
      `has a column '${SOURCE_COLUMN}', which the union source needs for itself`,
      `Leave '${SOURCE_COLUMN}' out with 'exclude' or 'columns'.`,
    );
    return undefined;
  }
  const propertyNames = new NameAllocator(true);
  for (const { mapping } of wanted) if (mapping) propertyNames.reserve(mapping.name);
  if (source) propertyNames.reserve(source.property);
  const columns: ColumnModel[] = [];
  const definitions: PropertyDef[] = [];
  const searchableOption = options?.searchable;
  for (const { column, mapping, setting } of wanted) {
    const mapped = dialect.columnType(column);
    const quoted = dialect.quote(column.name);
    if (mapped === undefined) {
      notes.column(
        subject,
        column.name,
        "UnsupportedType",
        `has type '${column.declaredType || "(none)"}', which Headgate cannot expose`,
        "Expose it through a view that converts it to text or a number, or leave it out with 'exclude'.",
        setting,
      );
      continue;
    }
    if (quoted === undefined) {
      notes.column(
        subject,
        column.name,
        "UnquotableName",
        "has a name this database dialect cannot quote safely",
        "Expose it through a view that renames the column.",
        setting,
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
      { subject, column: column.name, ...(setting === undefined ? {} : { setting }) },
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
    const built = sourceColumn(members, source, subject, ctx);
    if (built === undefined) return undefined;
    columns.push(built.model);
    definitions.push(built.definition);
  }
  const from =
    members.length === 1
      ? dialect.tableName(ctx.schema ?? dialect.defaultSchema, raw.name)
      : unionFrom(members, columns, source, ctx);
  if (from === undefined) {
    notes.table(
      subject,
      "UnquotableName",
      "has a name this database dialect cannot quote safely",
      "Expose it through a view with a plainer name.",
    );
    return undefined;
  }
  const byColumn = new Map(
    columns.map((c) => [c.column === SOURCE_COLUMN && source ? source.property : c.column, c] as const),
  );
  const key = keyNames.map((name) => byColumn.get(name));
  const missing = keyNames.filter((_, i) => key[i] === undefined);
  if (missing.length > 0) {
    const names = missing.map((m) => `'${m}'`).join(", ");
    notes.table(
      subject,
      "KeyNotExposed",
      `has key column(s) ${names} that cannot be exposed (not found, or left out: see their own entries)`,
      "Set 'key' to columns that can be exposed, or expose the table through a view whose key columns Headgate can read.",
    );
    return undefined;
  }
  const keyColumns = key.filter((c): c is ColumnModel => c !== undefined);
  const unusable = keyColumns.filter((c) => !KEY_TYPES.has(c.type) || c.convention === "emptyAsNull");
  if (unusable.length > 0) {
    const first = unusable[0]!;
    notes.table(
      subject,
      "KeyNotIdentifying",
      KEY_TYPES.has(first.type)
        ? `has key column '${first.column}', which reads as null for blank values, so it cannot identify a row`
        : `has key column '${first.column}' of type ${first.type}, which cannot identify a row`,
      KEY_TYPES.has(first.type)
        ? `Map the key column with the 'trimPadded' convention rather than 'emptyAsNull', or set 'key' to other columns.`
        : "Set 'key' to columns of a text, integer, decimal, date, time or GUID type.",
    );
    return undefined;
  }
  for (const name of searchableOption === true ? [] : (searchableOption ?? [])) {
    const column = byColumn.get(name);
    if (column === undefined || column.type !== "Edm.String")
      notes.ignored(subject, `searchable column '${name}' is not an exposed text column; it is ignored.`);
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

/**
 * A column that may identify the rows of a table without a key, for the administrator to
 * confirm: one called `id`, else the first non-null one of a key type, else the first of one.
 */
function suggestedKey(raw: RawTable, dialect: SqlDialect): string | undefined {
  const keyable = raw.columns.filter((c) => {
    const type = dialect.columnType(c)?.type;
    return (
      type !== undefined &&
      type !== "Edm.Boolean" &&
      KEY_TYPES.has(type) &&
      dialect.quote(c.name) !== undefined
    );
  });
  return (
    keyable.find((c) => c.name.toLowerCase() === "id") ??
    keyable.find((c) => !c.nullable) ??
    keyable[0]
  )?.name;
}

/** The tables behind the entity set: the table, then the other union members. */
function unionMembers(raw: RawTable, subject: TableSubject, ctx: BuildContext): RawTable[] | undefined {
  const members = [raw];
  for (const name of subject.options?.union?.tables ?? []) {
    const member = findTable(ctx.catalog, name);
    if (member === undefined) {
      const [closest] = closestMatches(
        name,
        ctx.catalog.map((t) => t.name),
        1,
      );
      ctx.notes.table(
        subject,
        "UnionMemberNotFound",
        `gathers union member '${name}', which was not found (or the database user cannot see it)`,
        `${closest === undefined ? "Check the name" : `Did you mean '${closest}'? Otherwise check the name`} in 'union.tables', and that the database user may read it.`,
      );
      return undefined;
    }
    if (members.includes(member)) {
      ctx.notes.table(
        subject,
        "UnionMemberRepeated",
        `gathers union member '${name}' twice`,
        "List each table once in 'union.tables' (the entry's own 'table' is the first member).",
      );
      return undefined;
    }
    members.push(member);
  }
  return members;
}

/** The columns to expose: the mapped ones in mapping order, or the table's columns as chosen. */
function wantedColumns(
  raw: RawTable,
  subject: TableSubject,
  keyNames: readonly string[],
  notes: SchemaNotes,
): Wanted[] {
  const options = subject.options;
  if (options?.properties === undefined) {
    const known = new Set(raw.columns.map((c) => c.name));
    for (const name of options?.columns ?? [])
      if (!known.has(name))
        notes.column(
          subject,
          name,
          "NotFound",
          "is listed in 'columns' but the table has no such column",
          `Check the name${didYouMeanColumn(name, raw)} (names are matched exactly).`,
        );
    for (const name of options?.exclude ?? [])
      if (!known.has(name))
        notes.ignored(
          subject,
          `'exclude' names column '${name}', which the table does not have; it is ignored.`,
        );
    const chosen = (column: RawColumn) =>
      keyNames.includes(column.name) ||
      ((options?.columns === undefined || options.columns.includes(column.name)) &&
        !(options?.exclude ?? []).includes(column.name));
    return raw.columns.filter(chosen).map((column) => ({ column, mapping: undefined }));
  }
  const taken = new NameAllocator(true);
  return options.properties.flatMap((mapping, index) => {
    const setting = `${subject.setting ?? "tables"}.properties[${index}]`;
    const column =
      raw.columns.find((c) => c.name === mapping.column) ??
      raw.columns.find((c) => c.name.toLowerCase() === mapping.column.toLowerCase());
    if (column === undefined) {
      notes.column(
        subject,
        mapping.column,
        "NotFound",
        `(property '${mapping.name}') was not found`,
        `Check the column name${didYouMeanColumn(mapping.column, raw)}.`,
        setting,
      );
      return [];
    }
    if (!isSimpleIdentifier(mapping.name) || mapping.name === "__proto__") {
      notes.column(
        subject,
        column.name,
        "InvalidPropertyName",
        `is mapped to '${mapping.name}', which is not a valid OData property name`,
        "Name the property with letters, digits and '_', starting with a letter or '_'.",
        setting,
      );
      return [];
    }
    if (taken.has(mapping.name)) {
      notes.column(
        subject,
        column.name,
        "DuplicateProperty",
        `is mapped to property '${mapping.name}', which an earlier column already has`,
        "Give each property its own name.",
        setting,
      );
      return [];
    }
    taken.reserve(mapping.name);
    return [{ column, mapping, setting }];
  });
}

function didYouMeanColumn(name: string, raw: RawTable): string {
  const [closest] = closestMatches(
    name,
    raw.columns.map((c) => c.name),
    1,
  );
  return closest === undefined ? "" : `: did you mean '${closest}'?`;
}

/** Every union member has the exposed columns, with the same declared types. */
function sameColumns(
  members: readonly RawTable[],
  wanted: readonly Wanted[],
  subject: TableSubject,
  notes: SchemaNotes,
): boolean {
  for (const member of members.slice(1)) {
    for (const { column } of wanted) {
      const other = member.columns.find((c) => c.name === column.name);
      if (other === undefined || other.declaredType !== column.declaredType) {
        notes.table(
          subject,
          "UnionColumnsDiffer",
          other === undefined
            ? `gathers union member '${member.name}', which has no column '${column.name}'`
            : `has column '${column.name}' of type '${column.declaredType}' but union member '${member.name}' has it as '${other.declaredType}'`,
          "Expose only the columns every member has, with the same types ('columns' or 'exclude'), or union views that make them alike.",
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
  at: ColumnAt,
  ctx: BuildContext,
): Shaped | undefined {
  const { dialect, notes } = ctx;
  const ignored = (message: string) => notes.ignored(at.subject, `column '${at.column}' ${message}`);
  const leftOut = (reason: "InvalidScale" | "NeedsScale", why: string, fix: string) =>
    notes.column(at.subject, at.column, reason, why, fix, at.setting);
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
    ignored("has a fixedWidth, which needs a text convention and a positive whole width; it is ignored.");
  }
  if (convention !== undefined) {
    if (mapped.storage !== "text" && mapped.storage !== "castText") {
      ignored(`is not text; the '${convention}' convention is ignored.`);
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
    leftOut("InvalidScale", `has scale ${scale}`, "Set 'scale' to a whole number from 0 to 9.");
    return undefined;
  }
  if (mapping?.type === "Edm.Decimal") {
    const precision = mapping.precision ?? (mapped.type === "Edm.Decimal" ? mapped.precision : undefined);
    switch (mapped.storage) {
      case "double":
      case "float4":
        if (scale === undefined) {
          leftOut(
            "NeedsScale",
            "holds binary floating-point numbers, which Edm.Decimal needs a 'scale' to round to",
            "Set 'scale' (the decimals to keep, e.g. 2 for money), or drop 'type' to expose it as Edm.Double.",
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
        ignored(`is not numeric; it cannot be exposed as Edm.Decimal and keeps type ${mapped.type}.`);
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
      ignored(`is not an integer; it cannot be exposed as Edm.Boolean and keeps type ${mapped.type}.`);
    }
  } else if (mapping?.type !== undefined) {
    ignored(`cannot be given type '${String(mapping.type)}'; it keeps type ${mapped.type}.`);
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
  subject: TableSubject,
  ctx: BuildContext,
): { model: ColumnModel; definition: PropertyDef } | undefined {
  const labels = members.map((m) => source.values?.[m.name] ?? m.name);
  const bad = labels.find((l) => !SAFE_LABEL.test(l));
  const quoted = ctx.dialect.quote(SOURCE_COLUMN);
  if (!isSimpleIdentifier(source.property) || bad !== undefined || quoted === undefined) {
    ctx.notes.table(
      subject,
      "UnionSourceInvalid",
      bad === undefined
        ? `names its union source property '${source.property}', which is not a valid OData property name`
        : `has union source value '${bad}', but source values may only hold letters, digits, spaces, '_', '.' and '-'`,
      "Correct 'union.source'.",
    );
    return undefined;
  }
  if (new Set(labels).size !== labels.length) {
    ctx.notes.table(
      subject,
      "UnionSourceInvalid",
      "has union source values that are not distinct",
      "Give each union member its own value in 'union.source.values'.",
    );
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
