/**
 * The company as Procore holds it: the project list, the company directory, and each project's
 * RFIs, submittals, observations, budget, commitments, change orders and daily logs. Drawn from
 * the world's "procore" stream, forked per project and tool, so the same seed and scale always
 * give the same records and other systems' generators never shift them.
 */
import type { Company, Project } from "../company/types.ts";
import { createRandom, type Random } from "../random.ts";
import { budgetDetailRows, budgetViews, committableBudgetByDivision } from "./budget.ts";
import { changeOrderPackages, withChangeOrders } from "./change-orders.ts";
import { projectCommitments } from "./commitments.ts";
import { projectCostCodes } from "./cost-codes.ts";
import { projectDailyLogHeaders } from "./daily-logs.ts";
import { IdSequences } from "./ids.ts";
import { projectObservations } from "./observations.ts";
import { userRef } from "./people.ts";
import { projectRecord } from "./projects.ts";
import { projectRfis } from "./rfis.ts";
import { projectSubmittals } from "./submittals.ts";
import { activityWindow } from "./timeline.ts";
import type { ProcoreData, ProcoreProjectTools, ProcoreTrade } from "./types.ts";
import { tradesOf, vendorRecord } from "./vendors.ts";

export function generateProcoreData(company: Company): ProcoreData {
  const random = createRandom(company.seed, "procore");
  const ids = new IdSequences();
  const trades = tradesOf(company.vendors);
  const tradesByName = new Map(trades.map((t) => [t.name, t]));
  const safetyManagers = company.people.filter((p) => p.role === "Safety Manager");
  const admin = company.people[0];
  return {
    company: { id: company.procoreCompanyId, name: company.name, is_active: true, logo_url: null },
    projects: company.projects.map((p) =>
      projectRecord(random.fork(`project/${p.jobNumber}/record`), company, p),
    ),
    vendors: company.vendors.map((v) => vendorRecord(random.fork(`vendor/${v.code}`), v)),
    trades,
    budgetViews: admin ? budgetViews(userRef(admin)) : [],
    tools: company.projects.map((project) =>
      projectTools(random.fork(`project/${project.jobNumber}`), ids, company, project, {
        tradesByName,
        safetyManagers,
      }),
    ),
  };
}

interface Shared {
  readonly tradesByName: ReadonlyMap<string, ProcoreTrade>;
  readonly safetyManagers: Company["people"];
}

function projectTools(
  random: Random,
  ids: IdSequences,
  company: Company,
  project: Project,
  shared: Shared,
): ProcoreProjectTools {
  const window = activityWindow(project);
  const codes = projectCostCodes(ids, project);
  const budget = budgetDetailRows(random.fork("budget"), ids, company, project, codes);
  const empty = {
    rfis: [],
    submittals: [],
    observations: [],
    workOrderContracts: [],
    purchaseOrderContracts: [],
    changeOrderPackages: [],
  };
  const base = {
    projectId: project.procoreId,
    vendorIds: project.vendors.map((v) => v.procoreId),
    budgetDetailRows: budget,
  };
  const dailyLogHeaders = projectDailyLogHeaders(random.fork("daily-logs"), ids, project);
  if (!window) return { ...base, ...empty, dailyLogHeaders };
  const commitments = projectCommitments(
    random.fork("commitments"),
    ids,
    project,
    window,
    committableBudgetByDivision(budget),
  );
  const contracts = [...commitments.workOrders, ...commitments.purchaseOrders];
  const packages = changeOrderPackages(
    random.fork("change-orders"),
    ids,
    project,
    window,
    contracts,
    userRef(project.projectManager),
  );
  return {
    ...base,
    rfis: projectRfis(random.fork("rfis"), ids, project, window, codes),
    submittals: projectSubmittals(random.fork("submittals"), ids, project, window, codes),
    observations: projectObservations(
      random.fork("observations"),
      ids,
      project,
      window,
      shared.tradesByName,
      shared.safetyManagers,
    ),
    workOrderContracts: commitments.workOrders.map((c) => withChangeOrders(c, packages)),
    purchaseOrderContracts: commitments.purchaseOrders.map((c) => withChangeOrders(c, packages)),
    changeOrderPackages: packages,
    dailyLogHeaders,
  };
}
