/**
 * Keeps the first `limit` rows of a stream in sort order without holding the whole stream: the
 * residual `$orderby` of a query with `$top` (or a page size) needs only that many rows.
 * Ties keep arrival order, so the result equals a stable sort of everything, cut at `limit`.
 */
import type { Row } from "@headgate/model";

export class BoundedSortedRows {
  private readonly rows: Row[] = [];

  constructor(
    private readonly limit: number,
    private readonly compare: (a: Row, b: Row) => number,
  ) {}

  push(row: Row): void {
    const rows = this.rows;
    if (this.limit === 0) return;
    if (rows.length === this.limit && this.compare(row, rows[rows.length - 1]!) >= 0) return;
    rows.splice(this.upperBound(row), 0, row);
    if (rows.length > this.limit) rows.pop();
  }

  /** The kept rows, in order. */
  toArray(): Row[] {
    return this.rows;
  }

  /** First index whose row sorts after `row` (so equal rows stay in arrival order). */
  private upperBound(row: Row): number {
    let low = 0;
    let high = this.rows.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.compare(row, this.rows[mid]!) < 0) high = mid;
      else low = mid + 1;
    }
    return low;
  }
}
