/**
 * What the connector knows about one exposed table or view (or union of tables): the entity set
 * it publishes, and per property the column behind it, how the database stores it, and the SQL
 * expression that is the property's value. Every other module reads this.
 *
 * One mechanism for value conventions: `expression` is the property's value in SQL (the column
 * itself, or the column through a convention such as `rtrim(col)`, `NULLIF(rtrim(col), '')` or a
 * rounding to cents). The dialects read, compare, order, group, aggregate and search a property
 * only through `expression`, so a convention holds everywhere at once; `storage` describes the
 * expression's value, not the stored column's.
 */
import type { EdmPrimitiveType, EntitySetDef } from "@headgate/model";
import type { SqlFragment } from "./sql-fragment.ts";

/**
 * How a column is stored, as far as reading and comparing it goes. Several SQL types share one
 * storage (varchar and text are both `text`); `castText` is text the database compares
 * its own way (Postgres `char(n)` ignores trailing blanks, `citext` ignores case, enums sort by
 * declaration), so it is read and compared after a cast to plain text.
 */
export type Storage =
  | "text"
  | "castText"
  | "int"
  | "bigint"
  | "decimal"
  | "double"
  | "float4"
  | "boolean"
  | "date"
  | "timestamptz"
  | "timestamp"
  | "time"
  | "uuid";

/** The comparison domain of a storage, mirroring the engine's domains. */
export type Domain = "number" | "string" | "boolean" | "date" | "instant" | "time" | "guid";

const DOMAIN: Readonly<Record<Storage, Domain>> = {
  text: "string",
  castText: "string",
  int: "number",
  bigint: "number",
  decimal: "number",
  double: "number",
  float4: "number",
  boolean: "boolean",
  date: "date",
  timestamptz: "instant",
  timestamp: "instant",
  time: "time",
  uuid: "guid",
};

export function domainOf(storage: Storage): Domain {
  return DOMAIN[storage];
}

export interface ColumnModel {
  /** The OData property name. */
  readonly property: string;
  /** The database column name, as the database spells it. */
  readonly column: string;
  readonly type: EdmPrimitiveType;
  readonly storage: Storage;
  /** Declared decimal scale, when the database has one. */
  readonly scale?: number;
  /** Digits of fractional seconds the column keeps, when the database says. */
  readonly fractionalDigits?: number;
  /** The quoted column name, as stored. */
  readonly identifier: SqlFragment;
  /** The property's value in SQL: `identifier` through the column's value convention, if any. */
  readonly expression: SqlFragment;
  /** False when the value is never null (a NOT NULL column read without blanks-as-null). */
  readonly nullable?: boolean;
  /** The value convention applied to the stored text, if any. */
  readonly convention?: TextConvention;
  /**
   * Every non-blank stored value is padded with spaces to exactly this many characters (a
   * fixed-width key). Equality with a constant then compares the stored column with the padded
   * constant, which an index on the column can serve.
   */
  readonly fixedWidth?: number;
  /**
   * With a convention: the most characters the database lets the stored text hold (`varchar(n)`
   * in Postgres, which enforces it). Equality with a constant can then list the stored forms
   * the constant can have (`'v'`, `'v '`, ... up to the length), which is exact and
   * index-friendly without assuming how values are padded.
   */
  readonly maxLength?: number;
  /**
   * An Edm.Decimal kept in a binary float column, whose values are whole numbers of 10^-scale
   * units (money in cents), so sums add those units exactly. Either `expression` rounds the
   * `stored` double to `scale` decimals (comparisons with a constant then test the stored double
   * first, since the rounded value is within half a unit of it), or, without `stored`, the
   * column is declared to hold such values already and is used as stored.
   */
  readonly rounded?: { readonly scale: number; readonly stored?: SqlFragment };
}

/**
 * How fixed-width text is stored:
 * - `trimPadded`: values are padded with spaces on the right; the property is the value with
 *   trailing spaces removed (`rtrim`).
 * - `emptyAsNull`: as `trimPadded`, and an empty or all-blank value means "none": the property
 *   is null (`NULLIF(rtrim(col), '')`).
 */
export type TextConvention = "trimPadded" | "emptyAsNull";

export interface TableModel {
  readonly entitySet: EntitySetDef;
  readonly schema: string | undefined;
  /** The table (for a union: the first table). */
  readonly table: string;
  /** Every table or view the rows come from: `[table]`, or the members of a union. */
  readonly members: readonly string[];
  readonly kind: "table" | "view";
  /** The quoted, schema-qualified table name, or the union of the members as a derived table. */
  readonly from: SqlFragment;
  /** By property name, in model order. */
  readonly columns: ReadonlyMap<string, ColumnModel>;
  readonly key: readonly ColumnModel[];
  /** Columns `$search` looks in (the engine's rule: the marked ones, else every text column). */
  readonly searchColumns: readonly ColumnModel[];
}
