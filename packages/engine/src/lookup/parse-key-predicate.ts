/**
 * Reads the key of one entity: the OData key predicate between the parentheses of
 * `Jobs('23-104')` / `Costs(Job='23-104',Cost_Code='01-100')`, or the same as a JSON object
 * from a tool call. The answer is one well-typed literal per key property, in key order, so the
 * lookup can run as an ordinary filtered query.
 */
import type { EntitySetDef, PropertyDef } from "@headgate/model";
import { didYouMean, type Literal, ODataError, parseLiteral } from "@headgate/odata";
import {
  expectedKeyForm,
  fitKeyLiteral,
  invalidKey,
  type KeyJsonValue,
  literalOfJson,
} from "./key-values.ts";

export type KeyInput = string | Readonly<Record<string, KeyJsonValue>>;

export interface KeyValue {
  readonly property: PropertyDef;
  readonly literal: Literal;
}

/** One entry per key property, in the entity type's key order. */
export function parseKeyPredicate(entitySet: EntitySetDef, key: KeyInput): KeyValue[] {
  const keyProperties = keyPropertiesOf(entitySet);
  if (typeof key !== "string") return fromNamedValues(entitySet, keyProperties, jsonEntries(key));
  const parts = splitTopLevel(key.trim());
  const only = parts[0];
  if (parts.length === 1 && only !== undefined && nameAndValue(only) === undefined) {
    return fromSingleValue(entitySet, keyProperties, only);
  }
  const named = parts.map((part) => {
    const pair = nameAndValue(part);
    if (pair === undefined)
      throw invalidKey(
        entitySet.name,
        `'${part.trim()}' is not of the form Name=value; ${keyShape(keyProperties)}`,
      );
    return pair;
  });
  return fromNamedValues(entitySet, keyProperties, named);
}

type Entry = readonly [name: string, value: string | KeyJsonValue, fromText: boolean];

function jsonEntries(key: Readonly<Record<string, KeyJsonValue>>): Entry[] {
  return Object.entries(key).map(([name, value]) => [name, value, false] as const);
}

function keyPropertiesOf(entitySet: EntitySetDef): PropertyDef[] {
  return entitySet.entityType.key.map((name) => {
    const property = entitySet.entityType.properties.find((p) => p.name === name);
    if (property === undefined)
      throw invalidKey(entitySet.name, `its key property '${name}' is not in the model`);
    return property;
  });
}

/** How a caller writes this set's key, e.g. `Job='...',Cost_Code='...'`. */
function keyShape(keyProperties: readonly PropertyDef[]): string {
  return `the key is (${keyProperties.map((p) => p.name).join(", ")})`;
}

function fromSingleValue(
  entitySet: EntitySetDef,
  keyProperties: readonly PropertyDef[],
  text: string,
): KeyValue[] {
  const [property, ...others] = keyProperties;
  if (property === undefined) throw invalidKey(entitySet.name, "the entity set has no key");
  if (others.length > 0) {
    throw invalidKey(
      entitySet.name,
      `it has a composite key; name each part: ${keyProperties.map((p) => `${p.name}=value`).join(",")}`,
    );
  }
  return [
    {
      property,
      literal: fitKeyLiteral(entitySet.name, property, literalOfText(entitySet.name, property, text)),
    },
  ];
}

function fromNamedValues(
  entitySet: EntitySetDef,
  keyProperties: readonly PropertyDef[],
  entries: readonly Entry[],
): KeyValue[] {
  const given = new Map<PropertyDef, Entry>();
  for (const entry of entries) {
    const property = keyPropertyNamed(entitySet, keyProperties, entry[0]);
    if (given.has(property))
      throw invalidKey(entitySet.name, `key property '${property.name}' is given twice`);
    given.set(property, entry);
  }
  return keyProperties.map((property) => {
    const entry = given.get(property);
    if (entry === undefined)
      throw invalidKey(
        entitySet.name,
        `key property '${property.name}' is missing; ${keyShape(keyProperties)}`,
      );
    const [, value, fromText] = entry;
    const literal =
      fromText && typeof value === "string"
        ? literalOfText(entitySet.name, property, value)
        : literalOfJson(value as KeyJsonValue);
    return { property, literal: fitKeyLiteral(entitySet.name, property, literal) };
  });
}

/** Exact name first, then a case-insensitive one; otherwise an error with the nearest names. */
function keyPropertyNamed(
  entitySet: EntitySetDef,
  keyProperties: readonly PropertyDef[],
  name: string,
): PropertyDef {
  const exact = keyProperties.find((p) => p.name === name);
  if (exact) return exact;
  const folded = keyProperties.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (folded) return folded;
  const names = keyProperties.map((p) => p.name);
  const isProperty = entitySet.entityType.properties.some((p) => p.name.toLowerCase() === name.toLowerCase());
  const why = isProperty
    ? `'${name}' is not part of the key`
    : `'${name}' is not a key property${didYouMean(name, names)}`;
  throw invalidKey(entitySet.name, `${why}; ${keyShape(keyProperties)}`);
}

function literalOfText(entitySet: string, property: PropertyDef, text: string): Literal {
  const trimmed = text.trim();
  if (trimmed.startsWith("@"))
    throw invalidKey(entitySet, `parameter aliases are not supported in keys; ${expectedKeyForm(property)}`);
  try {
    return parseLiteral(trimmed, { urlEncoded: false });
  } catch (error) {
    if (error instanceof ODataError)
      throw invalidKey(entitySet, `'${trimmed}' is not a valid value; ${expectedKeyForm(property)}`);
    throw error;
  }
}

const NAME_EQUALS = /^\s*([A-Za-z_\p{L}][\w\p{L}\p{N}]*)\s*=(.*)$/su;

/** `Name=value` as a text entry, or undefined for a bare value. */
function nameAndValue(part: string): Entry | undefined {
  const match = NAME_EQUALS.exec(part);
  if (!match) return undefined;
  return [match[1]!, match[2]!, true];
}

/** Splits on commas outside single-quoted strings (where `''` is an escaped quote). */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let inQuote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === "'") inQuote = !inQuote;
    else if (char === "," && !inQuote) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
