/**
 * The body of a `getEntity` answer, within the response budget. One row is small, but an
 * expanded collection (a job's transactions) can be huge: expanded collections are cut to the
 * longest common length that fits, and the notice says how to page through them with
 * queryEntitySet on the target set. A row too large even without them keeps only its key.
 * Every form says when the data was read (`asOf`).
 */
import type { EntitySetDef, NavigationDef, Row, ServiceModel } from "@headgate/model";
import { findEntitySet, findProperty } from "@headgate/model";
import { formatCount, largestFitting } from "./fit-to-budget.ts";
import type { Truncation } from "./render-page.ts";

export function renderEntity(
  model: ServiceModel,
  set: EntitySetDef,
  found: { readonly row: Row; readonly asOf: Date },
  maxChars: number,
): string {
  const { row } = found;
  const asOf = found.asOf.toISOString();
  const whole = JSON.stringify({ entitySet: set.name, asOf, row });
  if (whole.length <= maxChars) return whole;
  const expanded = set.entityType.navigation.filter((n) => Array.isArray(row[n.name]));
  const longest = Math.max(0, ...expanded.map((n) => (row[n.name] as unknown[]).length));
  const cut = (length: number) =>
    JSON.stringify({
      entitySet: set.name,
      asOf,
      row: capCollections(row, expanded, length),
      truncated: collectionTruncation(model, row, expanded, length, maxChars),
    });
  const fitting = expanded.length === 0 ? -1 : largestFitting(longest, (n) => cut(n).length, maxChars);
  if (fitting >= 0) return cut(fitting);
  return keyOnly(set, row, asOf, maxChars);
}

function capCollections(row: Row, expanded: readonly NavigationDef[], length: number): Row {
  const capped: Record<string, unknown> = { ...row };
  for (const navigation of expanded)
    capped[navigation.name] = (row[navigation.name] as unknown[]).slice(0, length);
  return capped;
}

function collectionTruncation(
  model: ServiceModel,
  row: Row,
  expanded: readonly NavigationDef[],
  length: number,
  maxChars: number,
): Truncation {
  const cut = expanded.filter((n) => (row[n.name] as unknown[]).length > length);
  const parts = cut.map(
    (n) => `${n.name} has the first ${length} of ${(row[n.name] as unknown[]).length} rows`,
  );
  const hints = cut.map((n) => followUp(model, row, n));
  return {
    reason: "size",
    message: `Expanded rows were cut to stay under ${formatCount(maxChars)} characters per response: ${parts.join("; ")}. To read them all, ${hints.join("; ")}.`,
  };
}

/** `query JobCostTransactions with filter=Job eq '23-104'` (it pages with nextCursor). */
function followUp(model: ServiceModel, row: Row, navigation: NavigationDef): string {
  const target = findEntitySet(model, navigation.target);
  const conditions = navigation.on.map(({ local, remote }) => {
    const value = row[local];
    const type = target === undefined ? undefined : findProperty(target.entityType, remote)?.type;
    const literal =
      typeof value === "string" && (type === undefined || type === "Edm.String")
        ? `'${value.replaceAll("'", "''")}'`
        : String(value);
    return value === undefined || value === null ? undefined : `${remote} eq ${literal}`;
  });
  if (conditions.some((c) => c === undefined))
    return `query ${navigation.target} filtered on its link to this row`;
  return `query ${navigation.target} with filter=${conditions.join(" and ")} (it pages with nextCursor)`;
}

function keyOnly(set: EntitySetDef, row: Row, asOf: string, maxChars: number): string {
  const key = Object.fromEntries(set.entityType.key.map((name) => [name, row[name]]));
  const truncated: Truncation = {
    reason: "size",
    message: `This row is larger than ${formatCount(maxChars)} characters, so only its key is shown. Ask for fewer properties with select, e.g. select=${set.entityType.properties
      .slice(0, 3)
      .map((p) => p.name)
      .join(",")}.`,
  };
  return JSON.stringify({ entitySet: set.name, asOf, row: key, truncated });
}
