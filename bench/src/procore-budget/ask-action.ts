/**
 * Asking a question through the Action door (`/api`, the door ChatGPT calls) the way ChatGPT
 * does: one call with the model's parameters; when the page is cut short (the 40 s time budget,
 * or the size budget) with a `nextCursor`, call again with the cursor until the rows asked for
 * (and the count, when asked) are all there; after a 429, wait the Retry-After and call again;
 * after a 5xx, call again a little later, as a model told "asked again in a minute or two" would;
 * give up after a few minutes, as the person waiting would.
 * Every call is counted, so the figures can say what the client had to do.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { Row } from "@headgate/model";
import type { FinalAnswer } from "./compare-answer.ts";
import type { Question } from "./questions.ts";

export interface AskOutcome {
  /** The complete answer; undefined when the client gave up. */
  readonly answer?: FinalAnswer;
  /** Why the client gave up (a 4xx, or too many calls). */
  readonly failure?: string;
  readonly calls: number;
  /** Calls made with a cursor after a page the time budget cut short. */
  readonly deadlineContinuations: number;
  /** Calls made with a cursor after a page the size budget cut short. */
  readonly sizeContinuations: number;
  readonly status5xx: number;
  readonly status429: number;
  /** Statuses and codes of the calls that failed, e.g. `504 QueryTimeout`. */
  readonly errors: readonly string[];
  /** From the first call to the complete answer, in ms. */
  readonly ms: number;
  /** Epoch ms of the first call. */
  readonly startedAt: number;
  /** The answer's `asOf`: when its data was read upstream. */
  readonly asOf?: string;
}

interface ActionPage {
  readonly asOf?: string;
  readonly count?: number;
  readonly rows: Row[];
  readonly nextCursor?: string;
  readonly truncated?: { readonly reason: "size" | "deadline"; readonly message: string };
}

const MAX_CALLS = 60;
/** A person waits a few minutes at most; past this the client gives up on the question. */
export const GIVE_UP_AFTER_MS = 5 * 60_000;
/** The gateway's timeout message says the same question asked again "in a minute or two" is answered. */
const RETRY_AFTER_5XX_MS = 60_000;
const LONGEST_RETRY_AFTER_MS = 60_000;

export interface ActionClient {
  readonly url: string;
  readonly key: string;
}

export async function askThroughAction(client: ActionClient, question: Question): Promise<AskOutcome> {
  const startedAt = Date.now();
  const started = performance.now();
  const wanted = question.parameters.top;
  const rows: Row[] = [];
  let count: number | undefined;
  let query = firstQuery(question);
  const tally = { calls: 0, deadlineContinuations: 0, sizeContinuations: 0, status5xx: 0, status429: 0 };
  const errors: string[] = [];
  const done = (extra: Partial<AskOutcome>): AskOutcome => ({
    ...tally,
    errors,
    ms: performance.now() - started,
    startedAt,
    ...extra,
  });
  while (tally.calls < MAX_CALLS && performance.now() - started < GIVE_UP_AFTER_MS) {
    tally.calls += 1;
    const response = await fetch(`${client.url}/api/entity-sets/${question.entitySet}/rows?${query}`, {
      headers: { authorization: `Bearer ${client.key}` },
    });
    if (response.status === 429 || response.status >= 500) {
      errors.push(`${response.status} ${await errorCode(response)}`);
      if (response.status === 429) tally.status429 += 1;
      else tally.status5xx += 1;
      await sleep(waitBeforeRetry(response));
      continue;
    }
    if (!response.ok) return done({ failure: `${response.status}: ${await response.text()}` });
    const page = (await response.json()) as ActionPage;
    for (const row of page.rows) if (rows.length < wanted) rows.push(row);
    if (page.count !== undefined) count = page.count;
    const missing = rows.length < wanted || (question.parameters.count === true && page.count === undefined);
    if (page.truncated !== undefined && page.nextCursor !== undefined && missing) {
      if (page.truncated.reason === "deadline") tally.deadlineContinuations += 1;
      else tally.sizeContinuations += 1;
      query = new URLSearchParams({ cursor: page.nextCursor });
      continue;
    }
    return done({
      answer: { rows, ...(count === undefined ? {} : { count }) },
      ...(page.asOf === undefined ? {} : { asOf: page.asOf }),
    });
  }
  return done({
    failure: `no complete answer after ${tally.calls} calls in ${Math.round((performance.now() - started) / 1000)} s (${errors.slice(-1)[0] ?? "cut short"})`,
  });
}

function firstQuery(question: Question): URLSearchParams {
  const { filter, select, orderby, top, count } = question.parameters;
  const query = new URLSearchParams();
  if (filter !== undefined) query.set("filter", filter);
  if (select !== undefined) query.set("select", select);
  if (orderby !== undefined) query.set("orderby", orderby);
  query.set("top", String(top));
  if (count === true) query.set("count", "true");
  return query;
}

function waitBeforeRetry(response: Response): number {
  const seconds = Number(response.headers.get("retry-after"));
  if (response.status === 429 && Number.isFinite(seconds) && seconds > 0)
    return Math.min(seconds * 1000, LONGEST_RETRY_AFTER_MS);
  return RETRY_AFTER_5XX_MS;
}

async function errorCode(response: Response): Promise<string> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error?: { code?: string } };
    return body.error?.code ?? text.slice(0, 80);
  } catch {
    return text.slice(0, 80);
  }
}
