/**
 * Whether a gateway's final answer to a question is the in-memory evaluation's: the count when
 * asked, and the first `top` rows of the whole answer: row for row when the order is total, by
 * the order's key values when it has ties (tied rows may come in any order), as a subset of the
 * matching rows when no order was asked for.
 */
import type { Row } from "@headgate/model";
import type { Question } from "./questions.ts";
import type { ExpectedAnswer } from "./reference-engine.ts";

export interface FinalAnswer {
  readonly rows: readonly Row[];
  readonly count?: number;
}

/** Undefined when the answer is right, else what differs. */
export function answerProblem(
  question: Question,
  answer: FinalAnswer,
  expected: ExpectedAnswer,
): string | undefined {
  const { top, count } = question.parameters;
  if (count === true && answer.count !== expected.count)
    return `count ${String(answer.count)}, expected ${expected.count}`;
  const wanted = Math.min(top, expected.rows.length);
  if (answer.rows.length !== wanted) return `${answer.rows.length} rows, expected ${wanted}`;
  const first = expected.rows.slice(0, wanted);
  if (question.order === "total") {
    const at = answer.rows.findIndex((row, i) => canonical(row) !== canonical(first[i]!));
    return at < 0
      ? undefined
      : `row ${at} differs: ${canonical(answer.rows[at]!)} vs ${canonical(first[at]!)}`;
  }
  if (question.order === "keys") {
    const keysOf = (row: Row) => canonical(Object.fromEntries(question.orderKeys.map((k) => [k, row[k]])));
    const at = answer.rows.findIndex((row, i) => keysOf(row) !== keysOf(first[i]!));
    if (at >= 0) return `row ${at} out of order: ${keysOf(answer.rows[at]!)} vs ${keysOf(first[at]!)}`;
  }
  return subsetProblem(answer.rows, expected.rows);
}

/** Every answered row is a matching row, each at most as often as it matches. */
function subsetProblem(answered: readonly Row[], matching: readonly Row[]): string | undefined {
  const left = new Map<string, number>();
  for (const row of matching) left.set(canonical(row), (left.get(canonical(row)) ?? 0) + 1);
  for (const row of answered) {
    const text = canonical(row);
    const n = left.get(text) ?? 0;
    if (n === 0) return `row not in the answer (or repeated): ${text}`;
    left.set(text, n - 1);
  }
  return undefined;
}

/** JSON with sorted keys: the same row reads the same whatever order its properties come in. */
function canonical(row: Row): string {
  return JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => (a < b ? -1 : 1))));
}
