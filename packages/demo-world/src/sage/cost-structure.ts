/**
 * `JCM_MASTER__COST_CODE` and `JCM_MASTER__CATEGORY`: each job's cost codes and, under each code,
 * the categories it is estimated and costed in, with the original estimate of each.
 */
import { KEY_WIDTH, padKey } from "./conventions.ts";
import type { JobPlan } from "./job-plan.ts";
import type { CategoryRow, CostCodeRow } from "./tables.ts";

export function costCodeRows(plan: JobPlan): CostCodeRow[] {
  const seen = new Set<string>();
  const rows: CostCodeRow[] = [];
  for (const line of plan.lines) {
    if (seen.has(line.costCode.code)) continue;
    seen.add(line.costCode.code);
    rows.push({
      Job: plan.paddedJob,
      Extra: "",
      Cost_Code: line.paddedCostCode,
      Description: line.costCode.description,
      Group_Cost_Code: padKey(`${line.costCode.division}-000`, KEY_WIDTH.costCode),
    });
  }
  return rows;
}

export function categoryRows(plan: JobPlan): CategoryRow[] {
  return plan.lines.map((line) => ({
    Job: plan.paddedJob,
    Extra: "",
    Cost_Code: line.paddedCostCode,
    Category: line.paddedCategory,
    Description: line.category.description,
    Cost_Account: padKey(line.category.debit.account, KEY_WIDTH.account),
    Original_Estimate: line.originalEstimate,
  }));
}
