export { type BudgetRefusal, DEFAULT_NARROWING, refusalError } from "./budget-errors.ts";
export {
  type RateLimitObservation,
  type RateLimitWindow,
  readRateLimitHeaders,
  readRetryAfter,
} from "./rate-limit-headers.ts";
export { type SpikeWindow, spikeBucket } from "./spike-window.ts";
export {
  type BudgetRequest,
  type BudgetResponse,
  type BudgetSnapshot,
  type BudgetTicket,
  UpstreamBudget,
  type UpstreamBudgetOptions,
} from "./upstream-budget.ts";
