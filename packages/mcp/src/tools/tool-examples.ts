/**
 * Example arguments of the tools, on the demo company's data (`pnpm start`), listed in each
 * tool's input schema (`examples`) where a model reads them next to the arguments. A value an
 * argument's description shows (`e.g. ...`) is one of these; a gateway test runs every example
 * against the demo. They cost `tools/list` characters in every model turn, so there are few.
 */

export const QUERY_EXAMPLES = [
  {
    entity_set: "Jobs",
    filter: "Status eq 'In Progress' and Contract_Date ge 2024-01-01",
    select: "Job,Description",
    orderby: "Revised_Contract_Amount desc",
    top: 10,
  },
  {
    entity_set: "Jobs",
    filter: "contains(Description,'Clinic') or Job in ('23-104','23-110')",
  },
  {
    // $apply runs before $filter, so a filter on the rows to aggregate goes inside apply.
    entity_set: "JobCostTransactions",
    apply: "filter(Job eq '23-104')/groupby((Cost_Code),aggregate(Amount with sum as Total))",
  },
  { entity_set: "Vendors", search: "concrete OR steel", top: 5 },
  { entity_set: "Procore_Projects", expand: "RFIs($select=subject,status;$top=5)", top: 3 },
];

export const GET_ENTITY_EXAMPLES = [
  { entity_set: "Jobs", key: "23-104" },
  { entity_set: "Procore_Projects", key: 2783000 },
  { entity_set: "CostCodes", key: "Job='23-104',Extra='',Cost_Code='01-100'" },
];

export const SEARCH_EXAMPLES = [{ query: "Summit Cold Storage" }];

export const FETCH_EXAMPLES = [{ id: "Jobs('23-104')" }];
