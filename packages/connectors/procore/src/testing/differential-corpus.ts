/**
 * The Procore differential corpus: queries over every entity set that push what Procore
 * evaluates and leave the rest to the gateway, with ids, projects and times taken from the data.
 * The pushdown and the scan cache tests both answer it and compare with the in-memory engine.
 */
import type { ProcoreData } from "@headgate/demo-world";
import type { Engine } from "@headgate/engine";
import { readAllPages, sortRows } from "@headgate/engine/testing";
import type { Row } from "@headgate/model";
import { parseQueryOptions } from "@headgate/odata";

/** Every row of a query's answer (all pages, as a client follows next links) and its count. */
export async function allRows(engine: Engine, entitySet: string, query: string) {
  const { pages, counts } = await readAllPages(engine, entitySet, parseQueryOptions(query), 41);
  return { rows: pages.flat(), count: counts[0] };
}

/** Rows as compared: in their order when the query orders by a unique key, else canonically. */
export function comparable(query: string, rows: Row[]): Row[] {
  return /\$orderby=[^&]*id(\s+desc)?(&|$)/.test(query) ? rows : sortRows(rows);
}

export function corpus(data: ProcoreData): [string, string][] {
  const rfis = data.tools.flatMap((t) => t.rfis);
  const someRfiIds = rfis.filter((_, i) => i % 37 === 0).map((r) => r.id);
  const twoProjects = data.tools
    .filter((t) => t.rfis.length > 0)
    .slice(1, 3)
    .map((t) => t.projectId);
  const midUpdate =
    [...rfis.map((r) => r.updated_at)].sort()[Math.floor(rfis.length / 2)] ?? "2024-06-01T00:00:00Z";
  const [p1, p2] = twoProjects;
  const ids = someRfiIds.join(",");
  const t = midUpdate;
  const queries: [string, string][] = [
    ["Projects", ""],
    ["Projects", "$filter=active eq true"],
    ["Projects", `$filter=id eq ${p1}`],
    ["Projects", `$filter=id in (${p1},${p2},1)`],
    ["Projects", "$orderby=created_at desc,id&$top=3"],
    ["Projects", "$orderby=id desc&$top=4&$skip=2"],
    ["Projects", "$filter=updated_at ge 2024-06-01T00:00:00Z&$count=true"],
    ["Projects", "$filter=contains(name,'Office')&$select=id,name"],
    ["Projects", "$count=true&$top=0"],
    ["Projects", "$search=office&$count=true&$top=2"],
    ["Vendors", ""],
    ["Vendors", "$orderby=id&$top=5"],
    ["Vendors", "$filter=created_at lt 2023-06-01T00:00:00Z or trade_name eq 'Concrete'"],
    [
      "Vendors",
      "$filter=updated_at gt 2023-01-01T00:00:00Z and updated_at le 2024-01-01T00:00:00Z&$count=true",
    ],
    ["Vendors", "$search=Concrete"],
    ["RFIs", ""],
    ["RFIs", "$filter=status eq 'open'"],
    ["RFIs", "$filter=tolower(status) eq 'open' and project_id gt 0"],
    ["RFIs", "$filter=status in ('open','draft')&$count=true"],
    ["RFIs", "$filter=status ne 'closed'"],
    ["RFIs", "$filter=not (status eq 'closed')"],
    ["RFIs", `$filter=project_id eq ${p1}`],
    ["RFIs", `$filter=project_id eq ${p1}&$orderby=id desc&$top=7`],
    ["RFIs", `$filter=project_id eq ${p1}&$orderby=updated_at desc,id&$top=7`],
    ["RFIs", `$filter=project_id in (${p1},${p2}) and status eq 'closed'&$count=true`],
    ["RFIs", `$filter=project_id eq ${p1} and project_id eq ${p2}`],
    ["RFIs", `$filter=id in (${ids})`],
    ["RFIs", `$filter=id in (${ids}) and status eq 'closed'`],
    ["RFIs", `$filter=updated_at gt ${t}`],
    ["RFIs", `$filter=updated_at ge ${t} and updated_at lt 2025-01-01T00:00:00Z&$count=true`],
    ["RFIs", `$filter=updated_at eq ${t}`],
    ["RFIs", `$filter=${t} lt updated_at`],
    ["RFIs", "$filter=created_at ge 2024-01-01T00:00:00Z and created_at le 2024-03-31T23:59:59Z"],
    ["RFIs", "$filter=status eq 'open' or updated_at gt 2025-01-01T00:00:00Z"],
    ["RFIs", "$filter=status eq 'open' and ball_in_court_name ne null"],
    ["RFIs", "$filter=cost_impact_status eq 'yes_known'&$orderby=cost_impact_value desc,id"],
    ["RFIs", "$orderby=id&$top=25&$skip=10"],
    ["RFIs", "$orderby=created_at,id&$top=50"],
    ["RFIs", "$top=30&$count=true"],
    ["RFIs", "$count=true&$top=0&$filter=status eq 'closed'"],
    ["RFIs", "$apply=groupby((status),aggregate($count as n))"],
    ["RFIs", "$search=concrete"],
    ["RFIs", "$search=SLAB&$count=true"],
    ["RFIs", "$search=slab AND clarify&$orderby=id&$top=5&$skip=1"],
    ["RFIs", '$search="control joints"&$count=true&$top=3'],
    ["RFIs", "$search=slab OR door&$orderby=updated_at desc,id"],
    ["RFIs", "$search=slab AND NOT joints"],
    ["RFIs", "$search=NOT slab&$count=true&$top=0"],
    ["RFIs", `$filter=project_id eq ${p1} and status eq 'closed'&$search=clarify&$orderby=id&$top=4`],
    ["RFIs", "$search=1"],
    ["RFIs", "$filter=contains(subject,'joint')&$select=id,subject,status"],
    ["Submittals", ""],
    ["Submittals", `$filter=project_id eq ${p2}&$orderby=updated_at desc,id`],
    ["Submittals", "$filter=status eq 'Open'"],
    ["Submittals", "$filter=created_at lt 2024-06-01T00:00:00Z&$orderby=id desc&$top=10"],
    ["Submittals", "$apply=groupby((type),aggregate($count as n))"],
    ["Submittals", "$search=shop drawings&$count=true"],
    ["Submittals", "$search=221000"],
    ["Submittals", "$search=metal OR masonry&$orderby=id desc&$top=6"],
    ["Observations", ""],
    ["Observations", "$filter=status eq 'closed'"],
    ["Observations", "$filter=status in ('initiated','ready_for_review') and priority eq 'High'"],
    ["Observations", "$filter=priority eq 'High' or status eq 'closed'"],
    ["Observations", "$filter=updated_at ge 2024-06-01T00:00:00Z&$orderby=updated_at,id"],
    ["Observations", `$filter=project_id eq ${p1}&$count=true`],
    ["Observations", "$search=ladder&$filter=status ne 'closed'&$count=true"],
    ["Observations", "$search=1"],
    ["BudgetRows", ""],
    ["BudgetRows", `$filter=project_id eq ${p1}&$orderby=id&$top=5`],
    ["BudgetRows", "$filter=category eq 'Labor'"],
    ["BudgetRows", "$apply=groupby((category),aggregate(original_budget_amount with sum as total))"],
    ["Commitments", ""],
    ["Commitments", "$filter=status eq 'Approved'"],
    ["Commitments", "$filter=contract_type eq 'PurchaseOrderContract'"],
    [
      "Commitments",
      "$filter=status in ('Approved','Complete') and updated_at ge 2024-06-01T00:00:00Z&$count=true",
    ],
    ["Commitments", "$orderby=grand_total desc,id&$top=5"],
    ["ChangeOrderPackages", ""],
    ["ChangeOrderPackages", "$filter=reviewed_at ge 2025-01-01T00:00:00Z"],
    ["ChangeOrderPackages", "$filter=reviewed_at eq null"],
    ["ChangeOrderPackages", "$filter=status eq 'approved'&$count=true"],
    ["DailyLogHeaders", ""],
    ["DailyLogHeaders", "$search=an&$top=5&$orderby=log_date,id"],
    ["DailyLogHeaders", "$filter=log_date eq 2024-05-01"],
    ["DailyLogHeaders", "$filter=log_date ge 2024-05-01 and log_date lt 2024-06-01&$count=true"],
    ["DailyLogHeaders", `$filter=log_date gt 2025-01-01 and project_id eq ${p1}&$orderby=log_date desc,id`],
  ];
  return queries;
}
