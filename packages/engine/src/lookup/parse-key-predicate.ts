/**
 * Reads the key of one entity, in one of two syntaxes:
 * - `odata`: the key predicate between the parentheses of `Jobs('23-104')` /
 *   `Costs(Job='23-104',Cost_Code='01-100')` exactly as an OData URL writes it, or the same as a
 *   JSON object, or a JSON number.
 * - `lenient`: also as people and models write a key outside a URL (the /api and MCP doors): a
 *   string bare (`23-104`, `Job=23-104,Extra=,Cost_Code=01-100`) or in double quotes, a number
 *   for a string key, and for a single string key a bare value with commas in it.
 * The answer is one well-typed literal per key property, in key order, so the lookup can run as
 * an ordinary filtered query. A key that cannot be read is an `InvalidKey` 400 that quotes it.
 */
import type { EntitySetDef, PropertyDef } from "@headgate/model";
import { didYouMean, type Literal, ODataError, parseLiteral } from "@headgate/odata";
import type { EngineError } from "../errors.ts";
import {
  expectedKeyForm,
  fitKeyLiteral,
  invalidKey,
  type KeyJsonValue,
  literalOfJson,
} from "./key-values.ts";

export type KeyInput = string | number | Readonly<Record<string, KeyJsonValue>>;

/** `odata` for the key predicate of an OData URL; `lenient` for keys as people write them. */
export type KeySyntax = "odata" | "lenient";

export interface KeyValue {
  readonly property: PropertyDef;
  readonly literal: Literal;
}

/** A key being read: the set, its key properties, the syntax, and how to refuse it. */
interface Reading {
  readonly set: EntitySetDef;
  readonly keyProperties: readonly PropertyDef[];
  readonly lenient: boolean;
  /** An `InvalidKey` error that quotes the key as given. */
  readonly refuse: (reason: string) => EngineError;
}

/** One value as given: OData literal text, or a JSON value. */
type Given = { readonly text: string } | { readonly json: KeyJsonValue };

type Entry = readonly [name: string, value: Given];

/** One entry per key property, in the entity type's key order. */
export function parseKeyPredicate(
  entitySet: EntitySetDef,
  key: KeyInput,
  syntax: KeySyntax = "odata",
): KeyValue[] {
  const refuse = (reason: string) => invalidKey(entitySet.name, quoted(key), reason);
  const reading: Reading = {
    set: entitySet,
    keyProperties: keyPropertiesOf(entitySet, refuse),
    lenient: syntax === "lenient",
    refuse,
  };
  if (typeof key === "number") return fromSingleValue(reading, { json: key });
  if (typeof key === "string") return fromText(reading, key.trim());
  return fromNamedValues(
    reading,
    Object.entries(key).map(([name, value]) => [name, { json: value }] as const),
  );
}

/** The key as the caller wrote it, for error messages: `(23-104)`, `(Job='1',Cost_Code='2')`. */
function quoted(key: KeyInput): string {
  const text =
    typeof key === "object"
      ? Object.entries(key)
          .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
          .join(",")
      : String(key).trim();
  return `(${text.length > 80 ? `${text.slice(0, 80)}...` : text})`;
}

function keyPropertiesOf(entitySet: EntitySetDef, refuse: Reading["refuse"]): PropertyDef[] {
  return entitySet.entityType.key.map((name) => {
    const property = entitySet.entityType.properties.find((p) => p.name === name);
    if (property === undefined) throw refuse(`its key property '${name}' is not in the model`);
    return property;
  });
}

function fromText(reading: Reading, text: string): KeyValue[] {
  const parts = splitTopLevel(text);
  const entries = parts.map(nameAndValue);
  if (entries.every((entry) => entry === undefined)) {
    // A single string key's bare value may hold commas: `Smith, Jones Ltd`.
    if (parts.length === 1 || (reading.lenient && soleStringKey(reading)))
      return fromSingleValue(reading, { text });
  }
  const named = entries.map((entry, i) => {
    if (entry === undefined)
      throw reading.refuse(`'${parts[i]?.trim()}' is not of the form Name=value; ${keyShape(reading)}`);
    return entry;
  });
  return fromNamedValues(reading, named);
}

function soleStringKey(reading: Reading): boolean {
  return reading.keyProperties.length === 1 && reading.keyProperties[0]?.type === "Edm.String";
}

/** How a caller writes this set's key, e.g. `the key is (Job, Cost_Code)`. */
function keyShape(reading: Reading): string {
  return `the key is (${reading.keyProperties.map((p) => p.name).join(", ")})`;
}

function fromSingleValue(reading: Reading, value: Given): KeyValue[] {
  const [property, ...others] = reading.keyProperties;
  if (property === undefined) throw reading.refuse("the entity set has no key");
  if (others.length > 0) {
    throw reading.refuse(
      `it has a composite key; name each part: ${reading.keyProperties.map((p) => `${p.name}=value`).join(",")}`,
    );
  }
  return [{ property, literal: literalFor(reading, property, value) }];
}

function fromNamedValues(reading: Reading, entries: readonly Entry[]): KeyValue[] {
  const given = new Map<PropertyDef, Given>();
  for (const [name, value] of entries) {
    const property = keyPropertyNamed(reading, name);
    if (given.has(property)) throw reading.refuse(`key property '${property.name}' is given twice`);
    given.set(property, value);
  }
  return reading.keyProperties.map((property) => {
    const value = given.get(property);
    if (value === undefined)
      throw reading.refuse(`key property '${property.name}' is missing; ${keyShape(reading)}`);
    return { property, literal: literalFor(reading, property, value) };
  });
}

/** The value as the property's type wants it, or an `InvalidKey` error naming the form. */
function literalFor(reading: Reading, property: PropertyDef, value: Given): Literal {
  const literal =
    "text" in value
      ? literalOfText(reading, property, value.text)
      : literalOfJsonFor(reading, property, value.json);
  return fitKeyLiteral(reading.refuse, property, literal);
}

function literalOfJsonFor(reading: Reading, property: PropertyDef, value: KeyJsonValue): Literal {
  if (reading.lenient && property.type === "Edm.String" && typeof value === "number")
    return { kind: "string", value: String(value) };
  return literalOfJson(value);
}

/** Exact name first, then a case-insensitive one; otherwise an error with the nearest names. */
function keyPropertyNamed(reading: Reading, name: string): PropertyDef {
  const { keyProperties, set } = reading;
  const exact = keyProperties.find((p) => p.name === name);
  if (exact) return exact;
  const folded = keyProperties.find((p) => p.name.toLowerCase() === name.toLowerCase());
  if (folded) return folded;
  const names = keyProperties.map((p) => p.name);
  const isProperty = set.entityType.properties.some((p) => p.name.toLowerCase() === name.toLowerCase());
  const why = isProperty
    ? `'${name}' is not part of the key`
    : `'${name}' is not a key property${didYouMean(name, names)}`;
  throw reading.refuse(`${why}; ${keyShape(reading)}`);
}

function literalOfText(reading: Reading, property: PropertyDef, text: string): Literal {
  const trimmed = text.trim();
  if (reading.lenient) {
    const lenient = lenientLiteral(property, trimmed);
    if (lenient !== undefined) return lenient;
  }
  if (trimmed.startsWith("@"))
    throw reading.refuse(`parameter aliases are not supported in keys; ${expectedKeyForm(property)}`);
  try {
    return parseLiteral(trimmed, { urlEncoded: false });
  } catch (error) {
    if (error instanceof ODataError)
      throw reading.refuse(`'${trimmed}' is not a valid value; ${expectedKeyForm(property)}`);
    throw error;
  }
}

/**
 * What a string key means when it is not an OData string literal: the text itself (`23-104`,
 * `01`, `"23-104"` without its quotes). Other types read a double-quoted value as its content.
 * Undefined when the OData reading applies.
 */
function lenientLiteral(property: PropertyDef, text: string): Literal | undefined {
  const inDoubleQuotes = /^"(.*)"$/s.exec(text)?.[1];
  if (property.type !== "Edm.String")
    return inDoubleQuotes === undefined ? undefined : parseOrUndefined(inDoubleQuotes);
  if (inDoubleQuotes !== undefined) return { kind: "string", value: inDoubleQuotes };
  return parseOrUndefined(text)?.kind === "string" ? undefined : { kind: "string", value: text };
}

function parseOrUndefined(text: string): Literal | undefined {
  try {
    return parseLiteral(text.trim(), { urlEncoded: false });
  } catch {
    return undefined;
  }
}

const NAME_EQUALS = /^\s*([A-Za-z_\p{L}][\w\p{L}\p{N}]*)\s*=(.*)$/su;

/** `Name=value` as a text entry, or undefined for a bare value. */
function nameAndValue(part: string): Entry | undefined {
  const match = NAME_EQUALS.exec(part);
  if (!match) return undefined;
  return [match[1]!, { text: match[2]! }];
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
