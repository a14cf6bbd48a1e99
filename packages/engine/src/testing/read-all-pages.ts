/**
 * Test support shared by every package that checks answers through the engine: all pages of a
 * query (following continuation tokens as a client follows next links), and a canonical row
 * order for results whose order OData leaves open.
 */
import type { Row } from "@headgate/model";
import { compareStrings, type QueryOptions } from "@headgate/odata";
import type { Engine } from "../engine.ts";

export interface AllPages {
  readonly pages: Row[][];
  readonly counts: (number | undefined)[];
}

export async function readAllPages(
  engine: Engine,
  entitySet: string,
  options: QueryOptions,
  maxPageSize: number,
): Promise<AllPages> {
  const pages: Row[][] = [];
  const counts: (number | undefined)[] = [];
  let next: QueryOptions | undefined = options;
  while (next) {
    const result = await engine.query({ entitySet, options: next, maxPageSize });
    pages.push([...result.rows]);
    counts.push(result.count);
    next = result.next;
    if (pages.length > 1000) throw new Error("paging did not end after 1000 pages");
  }
  return { pages, counts };
}

/** Rows in a canonical order, for results whose order OData leaves open (groupby output). */
export function sortRows(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => compareStrings(JSON.stringify(a), JSON.stringify(b)));
}
