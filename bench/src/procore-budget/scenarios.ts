/**
 * The two runs of the benchmark, each against a fresh rate-limited Procore simulator and a fresh
 * deployment (store schema and Redis prefix): one gateway answering the workload, then the warm
 * latency of a company-wide RFI question on it; and two replicas answering the same workload at
 * the same time.
 */
import type { ProcoreData } from "@headgate/demo-world";
import { type ProcoreUsage, startSimulator } from "@headgate/simulators";
import { type ActionClient, askThroughAction } from "./ask-action.ts";
import { benchDeployment, type DeploymentOptions } from "./bench-deployment.ts";
import { answerProblem } from "./compare-answer.ts";
import type { Question } from "./questions.ts";
import type { ExpectedAnswer, ReferenceEngine } from "./reference-engine.ts";
import { runWorkload, summarize, type WorkloadSummary } from "./run-workload.ts";
import {
  describeKinds,
  type LoggedSimulator,
  loggedProcoreSimulator,
  type UpstreamRequest,
} from "./upstream-log.ts";

export const LIMITS = { rateLimitPerHour: 3600, spikeLimit: 25, spikeWindowSeconds: 10 } as const;
const USERS = 4;
const WARM_RUNS = 30;
/** The timed runs stop after this long: when the cache is not warm, each run could take minutes. */
const WARM_PHASE_MS = 3 * 60_000;

export interface Workbench {
  readonly data: ProcoreData;
  /** Settings of the deployment when not its defaults (the query time limit, the cache's TTL). */
  readonly deployment: DeploymentOptions;
  readonly questions: readonly Question[];
  readonly expected: readonly ExpectedAnswer[];
  readonly reference: ReferenceEngine;
}

export interface RunResult {
  readonly summaries: readonly WorkloadSummary[];
  /** The simulator's exact count over the workload. */
  readonly usage: ProcoreUsage;
  readonly requests: readonly UpstreamRequest[];
  readonly workloadMs: number;
}

export interface OneReplicaResult extends RunResult {
  readonly warm: WarmLatency;
}

export interface WarmLatency {
  readonly question: Question;
  readonly timesMs: readonly number[];
  /** Upstream requests the warm-up and the timed runs spent (a refresh of what expired since). */
  readonly requests: number;
  readonly warmUpMs: number;
  /** Timed runs that needed more than one call, or answered wrongly. */
  readonly problems: readonly string[];
}

/** The warm question: open RFIs of the whole company, latest due first. */
export const WARM_QUESTION: Question = {
  id: 0,
  entitySet: "RFIs",
  scope: "company",
  parameters: {
    filter: "status eq 'open'",
    select: "id,project_id,subject,status,due_date",
    orderby: "due_date desc,id",
    top: 20,
    count: true,
  },
  order: "total",
  orderKeys: ["due_date", "id"],
};

type Say = (line: string) => void;

/**
 * `quiet` settles when nothing else runs on the machine (the two replicas' workload): the warm
 * latency is timed after it, so that another workload's work does not count in it.
 */
export async function oneReplica(
  bench: Workbench,
  say: Say,
  quiet: Promise<unknown>,
): Promise<OneReplicaResult> {
  const sim = loggedProcoreSimulator(bench.data, LIMITS);
  const upstream = await startSimulator(sim.definition);
  const deployment = benchDeployment("one", upstreamOf(upstream.url, bench.data), bench.deployment);
  try {
    const replica = await deployment.startReplica();
    const client = { url: replica.url, key: deployment.key() };
    const watch = progress(say, bench.questions.length, sim);
    const workload = await runWorkload(client, bench.questions, bench.expected, USERS, watch.answered);
    watch.stop();
    const usage = sim.definition.usage();
    const requests = [...sim.requests];
    say(`workload done in ${minutes(workload.ms)}`);
    await quiet;
    say("measuring the warm company-wide RFI question");
    const warm = await warmLatency(client, bench.reference, () => sim.definition.usage().requests);
    return { summaries: [summarize(workload)], usage, requests, workloadMs: workload.ms, warm };
  } finally {
    await deployment.close();
    await upstream.close();
  }
}

export async function twoReplicas(bench: Workbench, say: Say): Promise<RunResult> {
  const sim = loggedProcoreSimulator(bench.data, LIMITS);
  const upstream = await startSimulator(sim.definition);
  const deployment = benchDeployment("two", upstreamOf(upstream.url, bench.data), bench.deployment);
  try {
    const replicas = [await deployment.startReplica(), await deployment.startReplica()];
    const started = performance.now();
    const watch = progress(say, bench.questions.length * replicas.length, sim);
    const workloads = await Promise.all(
      replicas.map((replica) =>
        runWorkload(
          { url: replica.url, key: deployment.key() },
          bench.questions,
          bench.expected,
          USERS,
          watch.answered,
        ),
      ),
    );
    watch.stop();
    return {
      summaries: workloads.map(summarize),
      usage: sim.definition.usage(),
      requests: [...sim.requests],
      workloadMs: performance.now() - started,
    };
  } finally {
    await deployment.close();
    await upstream.close();
  }
}

async function warmLatency(
  client: ActionClient,
  reference: ReferenceEngine,
  upstreamRequests: () => number,
): Promise<WarmLatency> {
  const expected = await reference.expected(WARM_QUESTION);
  const before = upstreamRequests();
  const problems: string[] = [];
  const check = (outcome: Awaited<ReturnType<typeof askThroughAction>>, run: string) => {
    const problem = outcome.answer ? answerProblem(WARM_QUESTION, outcome.answer, expected) : outcome.failure;
    if (problem !== undefined) problems.push(`${run}: ${problem}`);
    return outcome;
  };
  // The warm-up reads whatever the cache no longer holds fresh (the workload may have ended minutes ago).
  const warmUp = check(await askThroughAction(client, WARM_QUESTION), "warm-up");
  const timesMs: number[] = [];
  const started = performance.now();
  // Without a complete warm-up there is nothing warm to time (each run would wait minutes).
  for (let run = 1; run <= WARM_RUNS && warmUp.answer !== undefined; run++) {
    if (performance.now() - started > WARM_PHASE_MS) {
      problems.push(`only ${run - 1} runs within ${WARM_PHASE_MS / 60_000} minutes`);
      break;
    }
    const outcome = check(await askThroughAction(client, WARM_QUESTION), `run ${run}`);
    if (outcome.calls !== 1) problems.push(`run ${run}: ${outcome.calls} calls`);
    timesMs.push(outcome.ms);
  }
  return {
    question: WARM_QUESTION,
    timesMs,
    requests: upstreamRequests() - before,
    warmUpMs: warmUp.ms,
    problems,
  };
}

function upstreamOf(url: string, data: ProcoreData) {
  return {
    url,
    companyId: data.company.id,
    spikeLimit: LIMITS.spikeLimit,
    spikeWindowSeconds: LIMITS.spikeWindowSeconds,
  };
}

/**
 * A line every minute while a workload runs: questions answered, the upstream requests so far
 * and what the last minute's were spent on.
 */
function progress(say: Say, total: number, sim: LoggedSimulator): Progress {
  const started = performance.now();
  let answered = 0;
  let seen = 0;
  const report = () => {
    const usage = sim.definition.usage();
    const recent = sim.requests.slice(seen);
    seen = sim.requests.length;
    say(
      `${answered}/${total} answered after ${minutes(performance.now() - started)}; ` +
        `${usage.requests} upstream requests (${usage.rateLimited} refused); last minute: ${describeKinds(recent) || "none"}`,
    );
  };
  const timer = setInterval(report, 60_000);
  timer.unref();
  return {
    answered: () => {
      answered += 1;
    },
    stop: () => {
      clearInterval(timer);
      report();
    },
  };
}

interface Progress {
  answered(): void;
  stop(): void;
}

export function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
}
