/**
 * Refusing a question the upstream budget cannot pay for, before it spends anything: a 429 that
 * says what the question would cost, what is left, when the budget refills and how to ask for
 * less. Starting anyway would fail at the deadline with a 504 that hides the cause, after
 * spending the requests every other user of the connection needed.
 */
import type { UpstreamBudgetState, UpstreamEstimate } from "@headgate/connector-kit";
import { ODataError } from "@headgate/odata";

/** When the budget state says nothing about its reset, try again after this long. */
const UNKNOWN_RESET_SECONDS = 60;

export function checkBudgetCovers(
  entitySet: string,
  estimate: UpstreamEstimate,
  budget: UpstreamBudgetState | undefined,
  now: number,
): void {
  if (budget === undefined || estimate.requests === 0) return;
  if (budget.blockedUntil !== undefined && budget.blockedUntil > now)
    throw budgetError(entitySet, estimate, budget, (budget.blockedUntil - now) / 1000, "asked to wait");
  if (budget.remaining !== undefined && estimate.requests > budget.remaining) {
    const wait = budget.resetAt !== undefined ? (budget.resetAt - now) / 1000 : UNKNOWN_RESET_SECONDS;
    throw budgetError(entitySet, estimate, budget, Math.max(1, wait), "short");
  }
}

function budgetError(
  entitySet: string,
  estimate: UpstreamEstimate,
  budget: UpstreamBudgetState,
  waitSeconds: number,
  why: "asked to wait" | "short",
): ODataError {
  const seconds = Math.max(1, Math.ceil(waitSeconds));
  const left =
    budget.remaining === undefined
      ? ""
      : ` only ${budget.remaining} ${budget.remaining === 1 ? "request is" : "requests are"} left;`;
  const cause =
    why === "short"
      ? `this question needs about ${estimate.requests} upstream requests and the connection's request budget cannot cover them:${left} it refills in ${seconds} s.`
      : `the upstream asked the gateway not to call it for ${seconds} s (it was rate limited).`;
  const narrowing = estimate.narrowing ? ` ${estimate.narrowing}` : "";
  return new ODataError({
    code: "UpstreamBudgetExhausted",
    status: 429,
    target: entitySet,
    message: `${entitySet}: ${cause}${narrowing} Questions answered from the cache cost nothing; retry after ${seconds} s.`,
    retryAfterSeconds: seconds,
    details: [
      { code: "EstimatedRequests", message: String(estimate.requests) },
      ...(budget.remaining === undefined
        ? []
        : [{ code: "RemainingRequests", message: String(budget.remaining) }]),
    ],
  });
}
