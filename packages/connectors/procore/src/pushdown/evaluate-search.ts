/**
 * Evaluates a pushed `$search` on rows, exactly as the engine would: a term matches when one of
 * the searched properties contains it, ignoring case (a phrase is one term, spaces included);
 * NOT, AND and OR combine as booleans. Procore's search only narrows the rows it sends.
 */
import type { EntityTypeDef, Row } from "@headgate/model";
import type { SearchExpr } from "@headgate/odata";
import { searchedProperties } from "./translate-search.ts";

export function compileSearch(search: SearchExpr, entityType: EntityTypeDef): (row: Row) => boolean {
  const properties = searchedProperties(entityType);
  const compile = (e: SearchExpr): ((texts: readonly string[]) => boolean) => {
    switch (e.kind) {
      case "term": {
        const term = e.text.toLowerCase();
        return (texts) => texts.some((text) => text.includes(term));
      }
      case "not": {
        const operand = compile(e.operand);
        return (texts) => !operand(texts);
      }
      case "and": {
        const [left, right] = [compile(e.left), compile(e.right)];
        return (texts) => left(texts) && right(texts);
      }
      case "or": {
        const [left, right] = [compile(e.left), compile(e.right)];
        return (texts) => left(texts) || right(texts);
      }
    }
  };
  const matches = compile(search);
  return (row) => {
    const texts: string[] = [];
    for (const name of properties) {
      const value = row[name];
      if (typeof value === "string") texts.push(value.toLowerCase());
      else if (Array.isArray(value)) {
        // As the engine does: a phrase never spans two items of a collection.
        const items = value.filter((item): item is string => typeof item === "string");
        if (items.length > 0) texts.push(items.join("\u0000").toLowerCase());
      }
    }
    return matches(texts);
  };
}
