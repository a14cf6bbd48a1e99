import { budgetRows } from "./budget-rows.ts";
import { changeOrderPackages } from "./change-order-packages.ts";
import { commitments } from "./commitments.ts";
import { dailyLogHeaders } from "./daily-log-headers.ts";
import { observations } from "./observations.ts";
import type { ProcoreEntitySet } from "./procore-entity-set.ts";
import { projects } from "./projects.ts";
import { rfis } from "./rfis.ts";
import { submittals } from "./submittals.ts";
import { vendors } from "./vendors.ts";

export const PROCORE_ENTITY_SETS: readonly ProcoreEntitySet[] = [
  projects,
  rfis,
  submittals,
  observations,
  vendors,
  budgetRows,
  commitments,
  changeOrderPackages,
  dailyLogHeaders,
];
