/**
 * A workload: the questions asked through one gateway by a few users at once (each takes the
 * next question when done with the last, as people sharing a workspace would), every final
 * answer checked against the in-memory evaluation.
 */
import { type ActionClient, type AskOutcome, askThroughAction } from "./ask-action.ts";
import { answerProblem } from "./compare-answer.ts";
import type { Question } from "./questions.ts";
import type { ExpectedAnswer } from "./reference-engine.ts";

export interface Asked {
  readonly question: Question;
  /** Undefined when the question was never asked (the workload's time cap came first). */
  readonly outcome?: AskOutcome;
  /** Undefined when the final answer is right. */
  readonly problem?: string;
}

/** A question that was asked (answered or given up). */
export type AskedQuestion = Asked & { readonly outcome: AskOutcome };

export interface Workload {
  readonly asked: readonly Asked[];
  /** Epoch ms the first question was asked (the cache was cold). */
  readonly startedAt: number;
  readonly ms: number;
}

/** No question is started after this long, so a workload that cannot keep up still ends. */
export const STOP_ASKING_AFTER_MS = 10 * 60_000;

export async function runWorkload(
  client: ActionClient,
  questions: readonly Question[],
  expected: readonly ExpectedAnswer[],
  users: number,
  answered: () => void,
): Promise<Workload> {
  const startedAt = Date.now();
  const started = performance.now();
  const asked: Asked[] = new Array(questions.length);
  let next = 0;
  const user = async () => {
    for (let i = next++; i < questions.length; i = next++) {
      const question = questions[i]!;
      if (performance.now() - started > STOP_ASKING_AFTER_MS) {
        asked[i] = { question, problem: "not asked: the workload's time cap came first" };
        continue;
      }
      const outcome = await askThroughAction(client, question);
      const problem =
        outcome.answer === undefined
          ? (outcome.failure ?? "no answer")
          : answerProblem(question, outcome.answer, expected[i]!);
      asked[i] = { question, outcome, ...(problem === undefined ? {} : { problem }) };
      answered();
    }
  };
  await Promise.all(Array.from({ length: users }, user));
  return { asked, startedAt, ms: performance.now() - started };
}

export interface WorkloadSummary {
  readonly correct: number;
  readonly total: number;
  readonly status5xx: number;
  readonly status429: number;
  /** Error statuses and codes the client met, with how often. */
  readonly errors: string;
  /** Questions whose first page the time budget cut short, so the client followed the cursor. */
  readonly continuedAfterDeadline: number;
  readonly deadlineCalls: number;
  readonly continuedAfterSize: number;
  readonly calls: number;
  /**
   * The first complete answer to a question over a project-scoped set asked of every project:
   * the question, and how long after the workload started (on a cold cache) it was complete.
   */
  readonly firstCompanyWide?: { readonly asked: AskedQuestion; readonly afterMs: number };
  readonly slowest?: AskedQuestion;
  /** Questions never asked because the workload's time cap came first. */
  readonly notAsked: number;
  /** Questions the client gave up on. */
  readonly gaveUp: number;
  /** Complete answers that differ from the in-memory evaluation. */
  readonly wrong: number;
  /** A few wrong answers and questions given up, for the report. */
  readonly problems: readonly string[];
}

export function summarize(workload: Workload): WorkloadSummary {
  const asked = workload.asked.filter((a): a is AskedQuestion => a.outcome !== undefined);
  const sum = (f: (o: AskOutcome) => number) => asked.reduce((n, a) => n + f(a.outcome), 0);
  const gaveUp = asked.filter((a) => a.outcome.answer === undefined);
  const wrong = asked.filter((a) => a.outcome.answer !== undefined && a.problem !== undefined);
  const errors = new Map<string, number>();
  for (const a of asked) for (const e of a.outcome.errors) errors.set(e, (errors.get(e) ?? 0) + 1);
  const doneAt = (a: AskedQuestion) => a.outcome.startedAt + a.outcome.ms;
  const firstDone = asked
    .filter((a) => a.question.scope === "company" && a.question.entitySet !== "Projects")
    .filter((a) => a.outcome.answer !== undefined)
    .sort((x, y) => doneAt(x) - doneAt(y))[0];
  const firstCompanyWide =
    firstDone === undefined
      ? undefined
      : { asked: firstDone, afterMs: doneAt(firstDone) - workload.startedAt };
  return {
    correct: asked.filter((a) => a.problem === undefined).length,
    total: workload.asked.length,
    notAsked: workload.asked.length - asked.length,
    gaveUp: gaveUp.length,
    status5xx: sum((o) => o.status5xx),
    status429: sum((o) => o.status429),
    errors: [...errors].map(([e, n]) => `${n} x ${e}`).join(", ") || "none",
    continuedAfterDeadline: asked.filter((a) => a.outcome.deadlineContinuations > 0).length,
    deadlineCalls: sum((o) => o.deadlineContinuations),
    continuedAfterSize: asked.filter((a) => a.outcome.sizeContinuations > 0).length,
    calls: sum((o) => o.calls),
    ...(firstCompanyWide === undefined ? {} : { firstCompanyWide }),
    ...(asked.length === 0 ? {} : { slowest: asked.reduce((a, b) => (b.outcome.ms > a.outcome.ms ? b : a)) }),
    wrong: wrong.length,
    problems: [...wrong.slice(0, 3), ...gaveUp.slice(0, 2)].map(
      (a) =>
        `#${a.question.id} ${a.question.entitySet} ${JSON.stringify(a.question.parameters)}: ${a.problem}`,
    ),
  };
}
