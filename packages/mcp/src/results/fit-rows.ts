/**
 * Keeps a page of rows under the result budget. Tokens are counted conservatively as one per
 * three characters of compact JSON (real tokenizers average closer to four for JSON), so a
 * result the budget admits is under the client's limit.
 */
import type { Row } from "@headgate/model";

export const CHARS_PER_TOKEN = 3;

export interface FittedRows {
  readonly rows: readonly Row[];
  /** The JSON of the kept rows as an array, so the answer need not serialize them again. */
  readonly json: string;
  /** True when rows were left out to stay under the budget. */
  readonly cut: boolean;
}

/**
 * The longest prefix of `rows` whose JSON, plus `reserveChars` for the envelope, fits in
 * `maxTokens`. Never returns more rows than given; may return none when one row alone is larger.
 */
export function fitRows(rows: readonly Row[], maxTokens: number, reserveChars: number): FittedRows {
  const budget = maxTokens * CHARS_PER_TOKEN - reserveChars;
  // Most answers fit whole: one serialization settles it.
  const whole = JSON.stringify(rows);
  if (whole.length - 1 <= budget) return { rows, json: whole, cut: false };
  return fitRowByRow(rows, budget);
}

/** The longest prefix that fits, each row measured by its own JSON plus a separator. */
function fitRowByRow(rows: readonly Row[], budget: number): FittedRows {
  let remaining = budget;
  const rowJson: string[] = [];
  for (const row of rows) {
    const json = JSON.stringify(row);
    if (json.length + 1 > remaining) break;
    remaining -= json.length + 1;
    rowJson.push(json);
  }
  const taken = rowJson.length;
  const json = `[${rowJson.join(",")}]`;
  return taken === rows.length ? { rows, json, cut: false } : { rows: rows.slice(0, taken), json, cut: true };
}
