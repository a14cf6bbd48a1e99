/**
 * A project's cost codes: General Requirements plus the CSI divisions of the trades working on
 * the job. Procore gives every project its own cost code ids, divisions included.
 */
import type { Project } from "../company/types.ts";
import type { IdSequences } from "./ids.ts";
import { DIVISIONS } from "./vocabulary.ts";

export interface ProjectCostCode {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly division: string;
  readonly divisionId: number;
  readonly divisionName: string;
}

/** `03-300 - Cast-in-Place Concrete`, as Procore labels a cost code. */
export function costCodeLabel(code: ProjectCostCode): string {
  return `${code.code} - ${code.name}`;
}

export function divisionLabel(code: ProjectCostCode): string {
  return `${code.division} - ${code.divisionName}`;
}

export function projectCostCodes(ids: IdSequences, project: Project): ProjectCostCode[] {
  const divisions = [...new Set(["01", ...project.vendors.map((v) => v.division)])].sort();
  return divisions.flatMap((division) => {
    const spec = DIVISIONS[division];
    if (!spec) return [];
    const divisionId = ids.take("costCode");
    return spec.codes.map(([code, name]) => ({
      id: ids.take("costCode"),
      code,
      name,
      division,
      divisionId,
      divisionName: spec.name,
    }));
  });
}
