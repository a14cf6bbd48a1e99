/**
 * Checks a model before anything binds queries against it or renders it: a broken model found
 * here is one configuration error naming the fix, instead of invalid $metadata or a wrong join
 * found by a client.
 */
import { type EdmLiteralType, hasLiteralForm, isEdmLiteral } from "./edm-literals.ts";
import { ModelError, type ModelErrorCode } from "./errors.ts";
import { findProperty, navigationTarget, propertyNames } from "./model-lookup.ts";
import type { EdmPrimitiveType, EntitySetDef, NavigationDef, PropertyDef, ServiceModel } from "./types.ts";
import { CONTAINER_NAME, RESERVED_NAMESPACES } from "./vocabularies.ts";

// CSDL SimpleIdentifier: Unicode letters may lead, at most 128 characters (code points).
const SIMPLE_IDENTIFIER = /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]{0,127}$/u;
const IDENTIFIER_CHARACTER = /^[\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]$/u;
const IDENTIFIER_LEAD = /^[\p{L}\p{Nl}_]/u;
const MAX_NAMESPACE_LENGTH = 511;
const IDENTIFIER_RULE =
  "use a letter or underscore followed by letters, digits or underscores, at most 128 characters";

// OData key types; doubles (inexact) and geography values cannot identify a row.
const KEY_TYPES: ReadonlySet<EdmPrimitiveType> = new Set<EdmPrimitiveType>([
  "Edm.String",
  "Edm.Boolean",
  "Edm.Int32",
  "Edm.Int64",
  "Edm.Decimal",
  "Edm.Date",
  "Edm.TimeOfDay",
  "Edm.DateTimeOffset",
  "Edm.Duration",
  "Edm.Guid",
]);

const TEMPORAL_TYPES: ReadonlySet<EdmPrimitiveType> = new Set<EdmPrimitiveType>([
  "Edm.DateTimeOffset",
  "Edm.TimeOfDay",
  "Edm.Duration",
]);

const LITERAL_EXAMPLES: Readonly<Record<EdmLiteralType, string>> = {
  "Edm.String": "Open",
  "Edm.Boolean": "true",
  "Edm.Int32": "42",
  "Edm.Int64": "42",
  "Edm.Decimal": "1.5",
  "Edm.Double": "1.5",
  "Edm.Date": "2024-01-31",
  "Edm.TimeOfDay": "13:20:00",
  "Edm.DateTimeOffset": "2024-01-31T13:20:00Z",
  "Edm.Duration": "P1DT2H",
  "Edm.Guid": "01234567-89ab-cdef-0123-456789abcdef",
};

export function isSimpleIdentifier(name: string): boolean {
  return SIMPLE_IDENTIFIER.test(name);
}

/** A CSDL namespace: simple identifiers joined by dots, at most 511 characters. */
export function isNamespace(name: string): boolean {
  return name.length <= MAX_NAMESPACE_LENGTH && name.split(".").every(isSimpleIdentifier);
}

/** The nearest valid identifier, offered in error messages as the fix. */
function suggestIdentifier(name: string): string {
  const characters = [...name].map((c) => (IDENTIFIER_CHARACTER.test(c) ? c : "_")).join("");
  const led = IDENTIFIER_LEAD.test(characters) ? characters : `_${characters}`;
  return [...led].slice(0, 128).join("");
}

function fail(code: ModelErrorCode, target: string, message: string): never {
  throw new ModelError(code, target, message);
}

/** `what` is the start of the message, e.g. `Entity set "Jobs": property name "Job No"`. */
function requireIdentifier(name: string, what: string, target: string): void {
  // Valid OData, but as a key of a plain JavaScript object (a row, CSDL JSON) it is the prototype.
  if (name === "__proto__") {
    fail("InvalidIdentifier", target, `${what} cannot be used by Headgate; rename it, e.g. "proto".`);
  }
  if (isSimpleIdentifier(name)) return;
  fail(
    "InvalidIdentifier",
    target,
    `${what} is not a valid OData identifier; ${IDENTIFIER_RULE}, e.g. "${suggestIdentifier(name)}".`,
  );
}

/**
 * Throws a `ModelError` for the first problem found: invalid identifiers, duplicate names,
 * unusable keys, dangling or mistyped navigations, misplaced facets and allowed values that are
 * not literals of their property's type.
 */
export function validateModel(model: ServiceModel): void {
  checkNamespace(model.namespace);
  checkEntitySetNames(model.entitySets);
  checkEntityTypeNames(model.entitySets);
  for (const entitySet of model.entitySets) {
    checkMemberNames(entitySet);
    checkKey(entitySet);
    for (const property of entitySet.entityType.properties) {
      checkFacets(entitySet, property);
      checkAllowedValues(entitySet, property);
    }
    for (const navigation of entitySet.entityType.navigation) checkNavigation(model, entitySet, navigation);
  }
}

function checkNamespace(namespace: string): void {
  if (!isNamespace(namespace)) {
    fail(
      "InvalidIdentifier",
      namespace,
      `Namespace "${namespace}" is not a valid OData namespace; use identifiers separated by dots, ` +
        `each a letter or underscore followed by letters, digits or underscores, e.g. "Headgate".`,
    );
  }
  if (RESERVED_NAMESPACES.includes(namespace)) {
    fail(
      "DuplicateName",
      namespace,
      `Namespace "${namespace}" is reserved; choose another, e.g. "Headgate".`,
    );
  }
}

function checkEntitySetNames(entitySets: readonly EntitySetDef[]): void {
  const byLowerName = new Map<string, string>();
  for (const { name } of entitySets) {
    requireIdentifier(name, `Entity set name "${name}"`, name);
    const previous = byLowerName.get(name.toLowerCase());
    if (previous === name) {
      fail(
        "DuplicateName",
        name,
        `Entity set "${name}" is defined more than once; give each entity set its own name.`,
      );
    }
    if (previous !== undefined) {
      fail(
        "DuplicateName",
        name,
        `Entity sets "${previous}" and "${name}" differ only in case; rename one, because entity set lookup ignores case.`,
      );
    }
    byLowerName.set(name.toLowerCase(), name);
  }
}

function checkEntityTypeNames(entitySets: readonly EntitySetDef[]): void {
  const firstByName = new Map<string, EntitySetDef>();
  for (const entitySet of entitySets) {
    const { name } = entitySet.entityType;
    requireIdentifier(name, `Entity set "${entitySet.name}": entity type name "${name}"`, entitySet.name);
    if (name === CONTAINER_NAME) {
      fail(
        "DuplicateName",
        entitySet.name,
        `Entity set "${entitySet.name}": entity type "${name}" clashes with the entity container of the same name; rename the entity type.`,
      );
    }
    const first = firstByName.get(name);
    if (first !== undefined && first.entityType !== entitySet.entityType) {
      fail(
        "DuplicateName",
        entitySet.name,
        `Entity sets "${first.name}" and "${entitySet.name}" use two different entity types named "${name}"; ` +
          `rename one, or let both sets share one EntityTypeDef object.`,
      );
    }
    if (first === undefined) firstByName.set(name, entitySet);
  }
}

function checkMemberNames(entitySet: EntitySetDef): void {
  const type = entitySet.entityType;
  const members = [
    ...type.properties.map(({ name }) => ({ name, kind: "property" })),
    ...type.navigation.map(({ name }) => ({ name, kind: "navigation property" })),
  ];
  const seen = new Set<string>();
  for (const { name, kind } of members) {
    const target = `${entitySet.name}/${name}`;
    requireIdentifier(name, `Entity set "${entitySet.name}": ${kind} name "${name}"`, target);
    if (seen.has(name)) {
      fail(
        "DuplicateName",
        target,
        `Entity set "${entitySet.name}": entity type "${type.name}" declares "${name}" more than once; ` +
          `properties and navigation properties need distinct names.`,
      );
    }
    if (name === type.name) {
      fail(
        "DuplicateName",
        target,
        `Entity set "${entitySet.name}": ${kind} "${name}" has the name of its entity type; rename the ${kind}.`,
      );
    }
    seen.add(name);
  }
}

function checkKey(entitySet: EntitySetDef): void {
  const type = entitySet.entityType;
  const where = `Entity set "${entitySet.name}":`;
  if (type.key.length === 0) {
    fail(
      "InvalidKey",
      entitySet.name,
      `${where} entity type "${type.name}" has no key; list the properties that identify a row in "key".`,
    );
  }
  const seen = new Set<string>();
  for (const name of type.key) {
    const target = `${entitySet.name}/${name}`;
    if (seen.has(name)) {
      fail(
        "InvalidKey",
        target,
        `${where} key property "${name}" is listed more than once; list each key property once.`,
      );
    }
    seen.add(name);
    const property = findProperty(type, name);
    if (property === undefined) {
      fail(
        "InvalidKey",
        target,
        `${where} key property "${name}" is not a property of entity type "${type.name}"; ` +
          `key on one of: ${propertyNames(type).join(", ")}.`,
      );
    }
    checkKeyProperty(where, target, property);
  }
}

function checkKeyProperty(where: string, target: string, property: PropertyDef): void {
  if (property.collection === true) {
    fail(
      "InvalidKey",
      target,
      `${where} key property "${property.name}" is a collection; a key property must be single-valued.`,
    );
  }
  if (property.nullable) {
    fail(
      "InvalidKey",
      target,
      `${where} key property "${property.name}" is nullable; declare it with nullable: false.`,
    );
  }
  if (!KEY_TYPES.has(property.type)) {
    fail(
      "InvalidKey",
      target,
      `${where} key property "${property.name}" has type ${property.type}, which cannot be a key; ` +
        `key on a string, integer, decimal, boolean, date, time, duration or guid property.`,
    );
  }
}

function isInteger(value: number, min: number, max = Number.MAX_SAFE_INTEGER): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function checkFacets(entitySet: EntitySetDef, property: PropertyDef): void {
  const target = `${entitySet.name}/${property.name}`;
  const what = `Entity set "${entitySet.name}": property "${property.name}" has`;
  const { maxLength, precision, scale, type } = property;
  if (maxLength !== undefined) {
    if (type !== "Edm.String")
      fail("InvalidFacet", target, `${what} maxLength, which only Edm.String properties have; remove it.`);
    if (!isInteger(maxLength, 1))
      fail("InvalidFacet", target, `${what} maxLength ${maxLength}; maxLength must be a positive integer.`);
  }
  if (precision !== undefined) checkPrecision(what, target, type, precision);
  if (scale !== undefined) {
    if (type !== "Edm.Decimal")
      fail("InvalidFacet", target, `${what} scale, which only Edm.Decimal properties have; remove it.`);
    if (!isInteger(scale, 0))
      fail("InvalidFacet", target, `${what} scale ${scale}; scale must be a non-negative integer.`);
    if (precision !== undefined && scale > precision) {
      fail(
        "InvalidFacet",
        target,
        `${what} scale ${scale} greater than its precision ${precision}; lower the scale or raise the precision.`,
      );
    }
  }
}

function checkPrecision(what: string, target: string, type: EdmPrimitiveType, precision: number): void {
  if (type === "Edm.Decimal") {
    if (!isInteger(precision, 1)) {
      fail(
        "InvalidFacet",
        target,
        `${what} precision ${precision}; the precision of an Edm.Decimal must be a positive integer.`,
      );
    }
    return;
  }
  if (!TEMPORAL_TYPES.has(type)) {
    fail(
      "InvalidFacet",
      target,
      `${what} precision, which only Edm.Decimal, Edm.DateTimeOffset, Edm.TimeOfDay and Edm.Duration properties have; remove it.`,
    );
  }
  if (!isInteger(precision, 0, 12)) {
    fail(
      "InvalidFacet",
      target,
      `${what} precision ${precision}; the precision (decimals of seconds) of an ${type} must be an integer from 0 to 12.`,
    );
  }
}

function checkAllowedValues(entitySet: EntitySetDef, property: PropertyDef): void {
  if (property.allowedValues === undefined) return;
  const target = `${entitySet.name}/${property.name}`;
  const where = `Entity set "${entitySet.name}":`;
  if (!hasLiteralForm(property.type)) {
    fail(
      "InvalidAllowedValue",
      target,
      `${where} property "${property.name}" lists allowedValues, but ${property.type} values have no literal form; remove allowedValues.`,
    );
  }
  for (const value of property.allowedValues) {
    if (isEdmLiteral(property.type, value)) continue;
    fail(
      "InvalidAllowedValue",
      target,
      `${where} allowed value "${value}" of property "${property.name}" is not an ${property.type} literal ` +
        `such as "${LITERAL_EXAMPLES[property.type]}"; fix or remove it.`,
    );
  }
}

function checkNavigation(model: ServiceModel, entitySet: EntitySetDef, navigation: NavigationDef): void {
  const target = navigationTarget(model, entitySet, navigation);
  const path = `${entitySet.name}/${navigation.name}`;
  const where = `Entity set "${entitySet.name}": navigation "${navigation.name}"`;
  if (navigation.on.length === 0) {
    fail(
      "InvalidNavigation",
      path,
      `${where} has no join condition; list at least one { local, remote } pair in "on".`,
    );
  }
  for (const { local, remote } of navigation.on) {
    const localProperty = joinProperty(entitySet, local, `${where} joins on`, path);
    const remoteProperty = joinProperty(target, remote, `${where} joins to`, path);
    if (localProperty.type !== remoteProperty.type) {
      fail(
        "InvalidNavigation",
        path,
        `${where} joins "${local}" (${localProperty.type}) to "${remote}" (${remoteProperty.type}); ` +
          `both sides of a join need the same type.`,
      );
    }
  }
}

/** The single-valued property a join uses on one side; `joins` starts the message. */
function joinProperty(side: EntitySetDef, name: string, joins: string, path: string): PropertyDef {
  const type = side.entityType;
  const property = findProperty(type, name);
  if (property === undefined) {
    fail(
      "InvalidNavigation",
      path,
      `${joins} "${name}", which is not a property of entity type "${type.name}" (entity set "${side.name}"); ` +
        `use one of: ${propertyNames(type).join(", ")}.`,
    );
  }
  if (property.collection === true) {
    fail(
      "InvalidNavigation",
      path,
      `${joins} "${name}" of entity set "${side.name}", which is a collection; join properties must be single-valued.`,
    );
  }
  return property;
}
