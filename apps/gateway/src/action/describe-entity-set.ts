/**
 * What a model needs to write a correct, cheap query on one entity set: every property with its
 * type, meaning and known values, which filters and sorts the source system evaluates (cheap)
 * versus the gateway (it reads the rows first), the key, the relationships usable in `expand`,
 * and example queries on the real property names.
 */
import type { EdmPrimitiveType, EntitySetDef, PropertyDef } from "@headgate/model";
import { type ExampleQuery, exampleQueries } from "./example-queries.ts";
import { formatCount, largestFitting } from "./fit-to-budget.ts";

export interface PropertyDescription {
  readonly name: string;
  readonly type: EdmPrimitiveType;
  readonly collection?: true;
  readonly nullable: boolean;
  readonly description?: string;
  readonly allowedValues?: readonly string[];
  /** Filter operators and functions the source system evaluates on this property. */
  readonly cheapFilters: readonly string[];
  /** The source system sorts by this property. */
  readonly cheapSort: boolean;
  readonly searchable?: true;
  /** Every query needs an `eq` or `in` filter on this property. */
  readonly requiredInFilter?: true;
}

export interface EntitySetDescription {
  readonly name: string;
  readonly description?: string;
  readonly connection?: string;
  readonly key: readonly string[];
  readonly properties: readonly PropertyDescription[];
  readonly navigation: readonly {
    readonly name: string;
    readonly target: string;
    readonly collection: boolean;
    readonly description?: string;
  }[];
  /** How to write a value of each type present, in a filter. */
  readonly literals: Readonly<Record<string, string>>;
  readonly examples: readonly ExampleQuery[];
  readonly notes: readonly string[];
}

const LITERALS: Readonly<Record<EdmPrimitiveType, string>> = {
  "Edm.String": "in single quotes, a quote doubled: 'O''Brien'",
  "Edm.Boolean": "true or false",
  "Edm.Int32": "a bare number: 42",
  "Edm.Int64": "a bare number: 42",
  "Edm.Decimal": "a bare number: 1250.50",
  "Edm.Double": "a bare number: 12.5",
  "Edm.Date": "bare, no quotes: 2024-01-31",
  "Edm.TimeOfDay": "bare: 13:30:00",
  "Edm.DateTimeOffset": "bare, no quotes: 2024-01-31T00:00:00Z",
  "Edm.Duration": "duration'P1DT2H'",
  "Edm.Guid": "bare: 01234567-89ab-cdef-0123-456789abcdef",
  "Edm.GeographyPoint": "geography'SRID=4326;POINT(-122.33 47.61)'",
  "Edm.GeographyPolygon": "geography'SRID=4326;POLYGON((...))'",
};

export function describeEntitySet(set: EntitySetDef, connection: string | undefined): EntitySetDescription {
  const type = set.entityType;
  const types = [...new Set(type.properties.map((p) => p.type))];
  return {
    name: set.name,
    ...(set.description === undefined ? {} : { description: set.description }),
    ...(connection === undefined ? {} : { connection }),
    key: type.key,
    properties: type.properties.map(describeProperty),
    navigation: type.navigation.map((n) => ({
      name: n.name,
      target: n.target,
      collection: n.collection,
      ...(n.description === undefined ? {} : { description: n.description }),
    })),
    literals: Object.fromEntries(types.map((t) => [t, LITERALS[t]])),
    examples: exampleQueries(set),
    notes: notesFor(set),
  };
}

function describeProperty(property: PropertyDef): PropertyDescription {
  const { capabilities } = property;
  return {
    name: property.name,
    type: property.type,
    ...(property.collection ? { collection: true as const } : {}),
    nullable: property.nullable,
    ...(property.description === undefined ? {} : { description: property.description }),
    ...(property.allowedValues === undefined ? {} : { allowedValues: property.allowedValues }),
    cheapFilters: capabilities.filter,
    cheapSort: capabilities.sortable,
    ...(capabilities.searchable ? { searchable: true as const } : {}),
    ...(capabilities.requiredInFilter ? { requiredInFilter: true as const } : {}),
  };
}

function notesFor(set: EntitySetDef): string[] {
  const notes = [
    "Filters with cheapFilters operators and sorts on cheapSort properties run in the source system. Any other filter or sort works too, but the gateway evaluates it after reading the rows, which is slower on large sets.",
  ];
  const required = set.entityType.properties.filter((p) => p.capabilities.requiredInFilter);
  if (required.length > 0) {
    notes.push(
      `Every query needs an eq or in filter on ${required.map((p) => p.name).join(" and ")}; replace the <placeholder> in the examples with a real value.`,
    );
  }
  const navigation = set.entityType.navigation[0];
  if (navigation !== undefined) {
    notes.push(
      `Navigation names go in expand to include related rows, with options in parentheses: expand=${navigation.name}($top=5).`,
    );
  }
  return notes;
}

/**
 * The description as response text within the budget. A set wide enough to exceed it loses its
 * property descriptions first, then the details of its last properties, whose names stay listed;
 * at the very least, every property's name and type.
 */
export function renderDescription(description: EntitySetDescription, maxChars: number): string {
  const whole = JSON.stringify(description);
  if (whole.length <= maxChars) return whole;
  const bare = description.properties.map(({ description: _text, ...rest }) => rest);
  const limit = formatCount(maxChars);
  const withFirst = (n: number) => {
    const rest = bare.slice(n).map((p) => p.name);
    const note =
      rest.length === 0
        ? `Property descriptions were left out to stay under ${limit} characters.`
        : `Property descriptions, and details of the last ${rest.length} properties, were left out to stay under ${limit} characters. Those properties: ${rest.join(", ")}.`;
    return JSON.stringify({
      ...description,
      properties: bare.slice(0, n),
      notes: [...description.notes, note],
    });
  };
  const fitting = largestFitting(bare.length, (n) => withFirst(n).length, maxChars);
  if (fitting >= 0) return withFirst(fitting);
  return JSON.stringify({
    name: description.name,
    key: description.key,
    properties: bare.map((p) => ({ name: p.name, type: p.type })),
    notes: [`Only property names and types fit in ${limit} characters.`],
  });
}
