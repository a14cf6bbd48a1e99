/**
 * The body of a `queryEntitySet` answer, written for a model: when the data was read (`asOf`),
 * raw rows, the total when asked, a `nextCursor` whenever more rows follow, and, only when the page is not everything it asked
 * for, a `truncated` notice that says why, what was returned and how to narrow the query.
 * The page is cut to the response budget here, so the text returned is exactly what is sent.
 */
import type { Row } from "@headgate/model";
import { formatCount, largestFitting } from "./fit-to-budget.ts";

export interface Truncation {
  readonly reason: "size" | "deadline";
  readonly message: string;
}

export interface PageParts {
  readonly entitySet: string;
  /** When the data was read upstream (the oldest cached scan behind it, else the query's start). */
  readonly asOf: Date;
  readonly rows: readonly Row[];
  readonly count?: number;
  /** True when rows beyond `rows` may match (the engine has a next page, or stopped early). */
  readonly more: boolean;
  /** The cursor continuing after the first `delivered` rows of `rows`. */
  readonly cursorAfter: (delivered: number) => string;
  /** Set when the query stopped at the time budget: `rows` are the first rows of the answer. */
  readonly deadline?: Truncation;
  /** The plan's advice when the gateway, not the source, did the heavy part of the work. */
  readonly notice?: string;
  /** How to ask for less, e.g. `select=Job,Description or a tighter filter`. */
  readonly narrowing: string;
  /** A short name of a row, for the notice when one row alone is over the budget. */
  readonly describeRow: (row: Row) => string;
}

export interface RenderedPage {
  readonly text: string;
  /** Rows of `parts.rows` the text holds. */
  readonly delivered: number;
  readonly truncated?: Truncation["reason"];
}

export function renderPage(parts: PageParts, maxChars: number): RenderedPage {
  const total = parts.rows.length;
  const whole = render(parts, total, parts.deadline);
  if (whole.length <= maxChars) return page(whole, total, parts.deadline);
  const cut = (n: number) => render(parts, n, sizeTruncation(parts, n, maxChars));
  const fitting = largestFitting(total, (n) => cut(n).length, maxChars);
  if (fitting > 0) return page(cut(fitting), fitting, { reason: "size", message: "" });
  return passOverFirstRow(parts, maxChars);
}

function render(parts: PageParts, delivered: number, truncated: Truncation | undefined): string {
  const more = parts.more || delivered < parts.rows.length;
  return JSON.stringify({
    entitySet: parts.entitySet,
    asOf: parts.asOf.toISOString(),
    ...(parts.count === undefined ? {} : { count: parts.count }),
    rows: delivered === parts.rows.length ? parts.rows : parts.rows.slice(0, delivered),
    ...(more ? { nextCursor: parts.cursorAfter(delivered) } : {}),
    ...(truncated === undefined ? {} : { truncated }),
    ...(parts.notice === undefined ? {} : { notice: parts.notice }),
  });
}

function sizeTruncation(parts: PageParts, delivered: number, maxChars: number): Truncation {
  return {
    reason: "size",
    message: `Returned ${delivered} of the ${parts.rows.length} rows of this page to stay under ${formatCount(maxChars)} characters per response. Continue with nextCursor, or narrow the query: ${parts.narrowing}.`,
  };
}

/**
 * Not even one row fits (a huge text value, or a large expansion): answer with no rows and a
 * cursor past that row, saying which row was passed over and how to read it with less data.
 */
function passOverFirstRow(parts: PageParts, maxChars: number): RenderedPage {
  const first = parts.rows[0];
  const name = first === undefined ? "the next row" : parts.describeRow(first);
  const hasNext = parts.more || parts.rows.length > 1;
  const truncated: Truncation = {
    reason: "size",
    message: `The row ${name} alone is larger than ${formatCount(maxChars)} characters, so it was passed over${hasNext ? "; nextCursor continues after it" : ""}. Read that row with fewer properties: ${parts.narrowing}.`,
  };
  const text = JSON.stringify({
    entitySet: parts.entitySet,
    asOf: parts.asOf.toISOString(),
    ...(parts.count === undefined ? {} : { count: parts.count }),
    rows: [],
    ...(hasNext ? { nextCursor: parts.cursorAfter(1) } : {}),
    truncated,
  });
  return page(text, 0, truncated);
}

function page(text: string, delivered: number, truncated: Truncation | undefined): RenderedPage {
  return { text, delivered, ...(truncated === undefined ? {} : { truncated: truncated.reason }) };
}
