/**
 * `$search` as a Procore request. Procore's RFI, submittal and observation lists take one search
 * string and match it, ignoring case, as a substring of a fixed set of fields. That narrows a
 * `$search` exactly when those fields include every property `$search` looks in: send one term
 * every matching row must contain (the longest, as the most selective), and check the rows
 * against the whole expression afterwards (evaluate-search.ts). `or` and `not` send nothing.
 */
import type { EntityTypeDef } from "@headgate/model";
import type { SearchExpr } from "@headgate/odata";
import type { ProcoreEntitySet } from "../entity-sets/procore-entity-set.ts";

/** Properties `$search` looks in, as the engine decides: those marked searchable, else every text property. */
export function searchedProperties(entityType: EntityTypeDef): string[] {
  const marked = entityType.properties.filter((p) => p.capabilities.searchable);
  const chosen =
    marked.length > 0
      ? marked
      : entityType.properties.filter((p) => p.type === "Edm.String" && !p.collection);
  return chosen.map((p) => p.name);
}

/** The request parameter narrowing `search`, or none when Procore cannot narrow it safely. */
export function searchParams(set: ProcoreEntitySet, search: SearchExpr | undefined): [string, string][] {
  if (!search || !set.search) return [];
  const covered = new Set(set.search.fields);
  if (!searchedProperties(set.definition.entityType).every((name) => covered.has(name))) return [];
  const term = requiredTerms(search).sort((a, b) => b.length - a.length)[0];
  return term === undefined ? [] : [[set.search.param, term]];
}

/** Terms every matching row contains: the terms of a conjunction, nothing under `or` or `not`. */
function requiredTerms(search: SearchExpr): string[] {
  if (search.kind === "term") return search.text === "" ? [] : [search.text];
  if (search.kind === "and") return [...requiredTerms(search.left), ...requiredTerms(search.right)];
  return [];
}
