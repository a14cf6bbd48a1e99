/**
 * What schema reading leaves out, and why, for the administrator: every table, view or column
 * that is not exposed becomes a typed item with a reason code, a sentence, and how to include it
 * (with the settings to set, where settings can); a setting that has no effect becomes a warning.
 * Nothing is left out silently.
 */
import type { ConnectorWarning, LeftOutFix, LeftOutItem } from "@headgate/connector-kit";
import type { SqlTableOptions } from "./introspect-schema.ts";

/** A table or view as the settings list it, or as the schema offers it when nothing is listed. */
export interface TableSubject {
  readonly name: string;
  readonly kind: "table" | "view";
  /** Where the settings list it (`tables[2]`); absent when every table of the schema is exposed. */
  readonly setting?: string;
  readonly options?: SqlTableOptions;
}

export type TableReason =
  | "NotFound"
  | "NoKey"
  | "UnionNeedsKey"
  | "UnionMemberNotFound"
  | "UnionMemberRepeated"
  | "UnionColumnsDiffer"
  | "UnionSourceInvalid"
  | "UnquotableName"
  | "KeyNotExposed"
  | "KeyNotIdentifying";

export type ColumnReason =
  | "NotFound"
  | "InvalidPropertyName"
  | "DuplicateProperty"
  | "UnsupportedType"
  | "UnquotableName"
  | "InvalidScale"
  | "NeedsScale";

const LISTING =
  " Listing tables in settings.tables exposes only the tables listed, so list every table to expose.";

export class SchemaNotes {
  readonly leftOut: LeftOutItem[] = [];
  readonly warnings: ConnectorWarning[] = [];

  /**
   * The table is not exposed: `why` completes "Table 'x' ...", `fix` says what to do, and
   * `change` (when settings can include it) is what to set on the table's entry.
   */
  table(
    subject: TableSubject,
    reason: TableReason,
    why: string,
    fix: string,
    change?: SqlTableOptionsChange,
  ) {
    this.leftOut.push({
      name: subject.name,
      kind: subject.kind,
      reason,
      message: `${label(subject)} ${why}; it is not exposed.`,
      fix: tableFix(subject, fix, change),
      ...(subject.setting === undefined ? {} : { setting: subject.setting }),
    });
  }

  /** A column is not exposed; `setting` is where the settings map it, when they do. */
  column(
    subject: TableSubject,
    column: string,
    reason: ColumnReason,
    why: string,
    fix: string,
    setting?: string,
  ) {
    const where = setting ?? subject.setting;
    this.leftOut.push({
      name: `${subject.name}.${column}`,
      kind: "column",
      reason,
      message: `${label(subject)}: column '${column}' ${why}; it is left out.`,
      fix: { message: fix },
      ...(where === undefined ? {} : { setting: where }),
    });
  }

  /** A setting that has no effect, and why. */
  ignored(subject: TableSubject, message: string) {
    this.warnings.push({ code: "SettingIgnored", message: `${label(subject)}: ${message}` });
  }
}

/** What to change on a table's settings entry. */
export type SqlTableOptionsChange = Partial<Pick<SqlTableOptions, "table" | "key">>;

export function label(subject: Pick<TableSubject, "name" | "kind">): string {
  return `${subject.kind === "view" ? "View" : "Table"} '${subject.name}'`;
}

function tableFix(subject: TableSubject, fix: string, change: SqlTableOptionsChange | undefined): LeftOutFix {
  if (change === undefined) return { message: fix };
  const entry = { ...(subject.options ?? { table: subject.name }), ...change };
  return {
    message: subject.setting === undefined ? `${fix}${LISTING}` : fix,
    settings: { tables: [entry] },
  };
}
