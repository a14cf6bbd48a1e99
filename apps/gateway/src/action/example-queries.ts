/**
 * Two or three example queries per entity set, built from its real property names, so a model
 * learns the syntax on the data in front of it: a filter on a status-like value, the largest
 * rows by an amount, and a total grouped by status (or the latest rows by a date when there is
 * no status).
 * Examples prefer properties whose filters and sorts run in the source system, and always carry
 * the filters a source requires.
 */
import type { EdmPrimitiveType, EntitySetDef, PropertyDef } from "@headgate/model";

export interface ExampleQuery {
  /** What the example answers, in words. */
  readonly purpose: string;
  /** Parameters of queryEntitySet, as a model would pass them. */
  readonly parameters: Readonly<Record<string, string | number>>;
}

const NUMERIC: readonly EdmPrimitiveType[] = ["Edm.Decimal", "Edm.Double", "Edm.Int32", "Edm.Int64"];
/** Numbers that identify rather than measure (`project_id`, `VendorId`): not worth summing. */
const IDENTIFIER = /(^|_)id$|[a-z]Id$|^ID$/;
const TEMPORAL: readonly EdmPrimitiveType[] = ["Edm.Date", "Edm.DateTimeOffset"];

export function exampleQueries(set: EntitySetDef): ExampleQuery[] {
  const type = set.entityType;
  const plain = type.properties.filter((p) => !p.collection && !type.key.includes(p.name));
  const status = plain.find((p) => p.type === "Edm.String" && (p.allowedValues?.length ?? 0) > 0);
  const amount = preferCheap(plain.filter((p) => NUMERIC.includes(p.type) && !IDENTIFIER.test(p.name)));
  const date = preferCheap(plain.filter((p) => TEMPORAL.includes(p.type)));
  const required = requiredFilter(type.properties);
  const withRequired = (filter: string | undefined) =>
    [required, filter].filter((part) => part !== undefined).join(" and ") || undefined;
  const select = (...extra: (PropertyDef | undefined)[]) =>
    [...new Set([...type.key, ...extra.filter((p) => p !== undefined).map((p) => p.name)])].join(",");
  const examples: ExampleQuery[] = [];
  if (status) {
    const value = status.allowedValues?.[0] ?? "";
    examples.push({
      purpose: `${set.name} whose ${status.name} is '${value}'`,
      parameters: compact({
        filter: withRequired(`${status.name} eq ${quote(value)}`),
        select: select(status, amount),
        top: 10,
      }),
    });
  }
  if (amount) {
    examples.push({
      purpose: `The 5 ${set.name} with the largest ${amount.name}`,
      parameters: compact({
        filter: withRequired(undefined),
        select: select(amount),
        orderby: `${amount.name} desc`,
        top: 5,
      }),
    });
  }
  if (status && amount) {
    examples.push({
      purpose: `Total ${amount.name} and number of rows per ${status.name}`,
      parameters: compact({
        apply: groupBy(required, status, amount),
        orderby: "Total desc",
      }),
    });
  } else if (date) {
    // No date bound: a guessed year finds nothing in data older or newer than the guess.
    examples.push({
      purpose: `The 10 ${set.name} with the latest ${date.name}`,
      parameters: compact({
        filter: withRequired(undefined),
        select: select(date),
        orderby: `${date.name} desc`,
        top: 10,
      }),
    });
  }
  if (examples.length === 0)
    examples.push({
      purpose: `The first 10 ${set.name}`,
      parameters: compact({ filter: withRequired(undefined), top: 10 }),
    });
  return examples;
}

function groupBy(required: string | undefined, status: PropertyDef, amount: PropertyDef): string {
  const aggregate = `groupby((${status.name}),aggregate(${amount.name} with sum as Total,$count as Rows))`;
  return required === undefined ? aggregate : `filter(${required})/${aggregate}`;
}

/** The first property whose filters run in the source, else the first one. */
function preferCheap(properties: readonly PropertyDef[]): PropertyDef | undefined {
  return (
    properties.find((p) => p.capabilities.sortable && p.capabilities.filter.includes("ge")) ?? properties[0]
  );
}

/** A filter on the property the source cannot list rows without, with a placeholder value. */
function requiredFilter(properties: readonly PropertyDef[]): string | undefined {
  const property = properties.find((p) => p.capabilities.requiredInFilter);
  if (property === undefined) return undefined;
  const placeholder = property.type === "Edm.String" ? `'<${property.name}>'` : `<${property.name}>`;
  return `${property.name} eq ${placeholder}`;
}

function quote(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function compact(parameters: Record<string, string | number | undefined>): Record<string, string | number> {
  return Object.fromEntries(
    Object.entries(parameters).filter((entry): entry is [string, string | number] => entry[1] !== undefined),
  );
}
