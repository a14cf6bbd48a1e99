/**
 * The project budget as `budget_views/{id}/detail_rows` shows it: one row per cost code and
 * category. Original budgets add up, to the cent, to the contract less the company's fee.
 */
import type { Company, Project } from "../company/types.ts";
import { WORLD_START } from "../dates.ts";
import type { Random } from "../random.ts";
import { costCodeLabel, divisionLabel, type ProjectCostCode } from "./cost-codes.ts";
import { BUDGET_VIEW_ID, FORECAST_VIEW_ID, type IdSequences } from "./ids.ts";
import { roundCents, splitAmount } from "./money.ts";
import { timestamp } from "./timeline.ts";
import type { ProcoreBudgetDetailRow, ProcoreBudgetView, ProcoreIdName, ProcoreUserRef } from "./types.ts";
import { BUDGET_CATEGORIES } from "./vocabulary.ts";

export function budgetViews(admin: ProcoreUserRef): ProcoreBudgetView[] {
  const created = timestamp(WORLD_START + 9 * 3_600_000);
  return [
    {
      id: BUDGET_VIEW_ID,
      name: "Procore Standard Budget",
      description: "Default budget view",
      role: "standard",
    },
    {
      id: FORECAST_VIEW_ID,
      name: "Forecasting",
      description: "Forecast to complete by cost code",
      role: "forecasting",
    },
  ].map((view) => ({ ...view, created_at: created, updated_at: created, created_by: admin }));
}

/** General Requirements are the company's own labor and costs; other divisions are bought out. Rows
 * come in the detail rows' default order (cost code, then category id). */
function categoriesFor(code: ProjectCostCode): ProcoreIdName[] {
  if (code.division === "01") return [BUDGET_CATEGORIES.labor, BUDGET_CATEGORIES.other];
  return code.division === "08"
    ? [BUDGET_CATEGORIES.materials, BUDGET_CATEGORIES.commitment]
    : [BUDGET_CATEGORIES.commitment];
}

export function budgetDetailRows(
  random: Random,
  ids: IdSequences,
  company: Company,
  project: Project,
  codes: readonly ProjectCostCode[],
): ProcoreBudgetDetailRow[] {
  const lines = codes.flatMap((code) => categoriesFor(code).map((category) => ({ code, category })));
  const fee = 0.04 + random.next() * 0.06;
  const amounts = splitAmount(random, roundCents(project.contractAmount * (1 - fee)), lines.length);
  return lines.map(({ code, category }, i) => {
    const original = amounts[i] ?? 0;
    const modifications = random.chance(0.25) ? roundCents(original * (random.next() - 0.4) * 0.1) : 0;
    const forecast = roundCents((original + modifications) * (0.95 + random.next() * 0.12));
    return {
      id: ids.take("budgetLineItem"),
      deletable: false,
      company_id: company.procoreCompanyId,
      company: company.name,
      project_id: project.procoreId,
      wbs_code_id: null,
      biller_id: project.procoreId,
      root_cost_code_id: code.divisionId,
      cost_code_id: code.id,
      cost_code_origin_id: null,
      category_id: category.id,
      project: project.name,
      biller: project.name,
      biller_type: "Project",
      root_cost_code: divisionLabel(code),
      cost_code: costCodeLabel(code),
      category: category.name,
      budget_modifications: modifications,
      original_budget_amount: original,
      budget_forecast: {
        id: ids.take("budgetLineItem"),
        manual_amount: null,
        automatic_amount: forecast,
        amount: forecast,
        automatically_calculated: true,
        calculation_strategy: "automatic",
        notes: null,
      },
      currency_configuration: { currency_iso_code: "USD" },
      unbudgeted_reason: null,
    };
  });
}

/** Commitment-category budget per CSI division: what buyout contracts are written against. */
export function committableBudgetByDivision(rows: readonly ProcoreBudgetDetailRow[]): Map<string, number> {
  const byDivision = new Map<string, number>();
  for (const row of rows) {
    if (row.category_id === BUDGET_CATEGORIES.labor.id || row.category_id === BUDGET_CATEGORIES.other.id)
      continue;
    const division = row.cost_code.slice(0, 2);
    byDivision.set(division, roundCents((byDivision.get(division) ?? 0) + row.original_budget_amount));
  }
  return byDivision;
}
