/**
 * Entity ids for `search`/`fetch` and key text for `get_entity`, in OData's own form:
 * `Jobs('23-104')`, `Lines(Job='23-104',Line=5)`. The same text is the entity's address in the
 * OData service, so an id a model saw in `search` also works as a REST path.
 */
import type { EntitySetDef, PropertyDef, Row } from "@headgate/model";
import { ODataError } from "@headgate/odata";

const UNQUOTED = new Set(["Edm.Int32", "Edm.Int64", "Edm.Decimal", "Edm.Double", "Edm.Boolean", "Edm.Guid"]);
const UNQUOTED_TEXT = new Set(["Edm.Date", "Edm.DateTimeOffset", "Edm.TimeOfDay"]);

function literal(property: PropertyDef | undefined, value: unknown): string {
  if (value === null || value === undefined) return "null";
  const type = property?.type ?? "Edm.String";
  if (UNQUOTED.has(type) || UNQUOTED_TEXT.has(type)) return String(value);
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** The text between the parentheses of the entity's address. */
export function keyPredicate(set: EntitySetDef, row: Row): string {
  const type = set.entityType;
  const parts = type.key.map((name) => {
    const property = type.properties.find((p) => p.name === name);
    return { name, text: literal(property, row[name]) };
  });
  if (parts.length === 1) return parts[0]?.text ?? "";
  return parts.map((p) => `${p.name}=${p.text}`).join(",");
}

export function entityId(set: EntitySetDef, row: Row): string {
  return `${set.name}(${keyPredicate(set, row)})`;
}

const ID = /^([A-Za-z_][A-Za-z0-9_]*)\((.+)\)$/s;

export function parseEntityId(id: string): { entitySet: string; key: string } {
  const match = ID.exec(id.trim());
  if (match?.[1] === undefined || match[2] === undefined)
    throw new ODataError({
      code: "InvalidId",
      status: 400,
      target: "id",
      message: `'${id.slice(0, 80)}' is not an entity id; ids look like Jobs('23-104') and come from search results.`,
    });
  return { entitySet: match[1], key: match[2] };
}

const TITLE_NAMES = ["Name", "Title", "Subject", "Description"];

/** A human title: the first name-like text property, with the key when it differs. */
export function titleOf(set: EntitySetDef, row: Row): string {
  const key = set.entityType.key.map((k) => String(row[k] ?? "")).join(" / ");
  for (const name of TITLE_NAMES) {
    const value = row[name];
    if (typeof value === "string" && value.trim() !== "") return `${key} ${value}`.trim();
  }
  return `${set.name} ${key}`;
}
