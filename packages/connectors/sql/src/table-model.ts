/**
 * What the connector knows about one exposed table or view: the entity set it publishes, and per
 * property the column behind it and how the database stores it. Every other module reads this.
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
  /** The quoted column name. */
  readonly identifier: SqlFragment;
}

export interface TableModel {
  readonly entitySet: EntitySetDef;
  readonly schema: string | undefined;
  readonly table: string;
  readonly kind: "table" | "view";
  /** The quoted, schema-qualified table name. */
  readonly from: SqlFragment;
  /** By property name, in model order. */
  readonly columns: ReadonlyMap<string, ColumnModel>;
  readonly key: readonly ColumnModel[];
  /** Columns `$search` looks in (the engine's rule: the marked ones, else every text column). */
  readonly searchColumns: readonly ColumnModel[];
}
