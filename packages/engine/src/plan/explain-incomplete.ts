/**
 * The message of an answer the soft deadline cut short. Whoever reads it (often an LLM) must
 * learn three things: that the answer is partial, how to get the rest, and how to ask a cheaper
 * question next time, in terms of what this upstream can evaluate itself.
 */
import type { EntitySetDef } from "@headgate/model";
import type { Explanation } from "./explain.ts";

export interface IncompleteFacts {
  readonly softDeadlineMs: number;
  readonly rowsReturned: number;
  readonly hasNext: boolean;
  readonly countMissing: boolean;
  readonly entitySet: EntitySetDef;
  readonly plan: Explanation;
  /** Upstream lists still being read into the cache after the page was cut. */
  readonly backgroundReads?: number;
}

const MAX_NAMED_PROPERTIES = 8;

export function explainIncomplete(facts: IncompleteFacts): string {
  return [
    `The query reached its ${seconds(facts.softDeadlineMs)} time budget before the page was complete.`,
    rowsSentence(facts),
    facts.countMissing ? "The total count was not computed." : "",
    facts.hasNext ? continueSentence(facts.rowsReturned, facts.backgroundReads) : "",
    narrowingAdvice(facts),
  ]
    .filter((s) => s !== "")
    .join(" ");
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function rowsSentence({ rowsReturned, plan }: IncompleteFacts): string {
  if (rowsReturned > 0)
    return `The ${rowsReturned} rows returned are the first rows of the answer, in order.`;
  if (plan.residual.orderby)
    return `No rows are returned: the gateway sorts by ${plan.residual.orderby} itself, so no row is certain until every row was read.`;
  if (plan.residual.apply) return "No rows are returned: $apply needs every row before it can answer.";
  return "No rows are returned: none was certain yet when time ran out.";
}

function continueSentence(rowsReturned: number, backgroundReads: number | undefined): string {
  if (backgroundReads)
    return `The rest is being fetched: the gateway goes on reading the remaining ${backgroundReads} upstream list${backgroundReads === 1 ? "" : "s"} into its cache in the background, so the next link (or the same question) asked again in a minute or two is answered from the cache.`;
  return rowsReturned > 0
    ? "Follow the next link to continue right after them."
    : "The next link retries from the same place, which will likely take as long: narrow the query first.";
}

/** What runs upstream, and the properties whose filters the upstream evaluates itself. */
function narrowingAdvice({ entitySet, plan }: IncompleteFacts): string {
  const pushable = entitySet.entityType.properties
    .filter((p) => p.capabilities.filter.length > 0)
    .map((p) => p.name);
  const named = pushable.slice(0, MAX_NAMED_PROPERTIES).join(", ");
  const more = pushable.length > MAX_NAMED_PROPERTIES ? ", ..." : "";
  const filterHint =
    pushable.length > 0
      ? `To make it faster, add a $filter on properties the upstream filters itself (${named}${more}) or ask for fewer rows with $top.`
      : "To make it faster, ask for fewer rows with $top or a narrower $filter.";
  return [...plan.summary, filterHint].join(" ");
}
