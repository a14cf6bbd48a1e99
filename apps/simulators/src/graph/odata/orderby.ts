/** `$orderby=fields/StartDate desc,fields/Title`: properties with optional direction. */
import { badRequest } from "../graph-error.ts";

export interface OrderBy {
  readonly property: string;
  readonly descending: boolean;
}

export function parseOrderBy(text: string): OrderBy[] {
  if (text.trim() === "") return [];
  return text.split(",").map((clause) => {
    const match = /^\s*([A-Za-z_][\w/]*)\s*(?:\s(asc|desc))?\s*$/i.exec(clause);
    if (!match) throw badRequest(`Invalid $orderby query option: '${text}'.`);
    return { property: match[1]!, descending: match[2]?.toLowerCase() === "desc" };
  });
}
