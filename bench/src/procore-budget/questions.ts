/**
 * The benchmark's questions: a seeded, deterministic mix of company-wide and project questions
 * over Procore's RFIs, Submittals, Observations and Projects, as a model would put them to the
 * Action door (plain `filter`, `select`, `orderby`, `top`, `count` parameters). Filters take
 * their values from the data (a status, a date, a word of a subject, a project id), so most
 * questions match rows.
 */
import { createRandom, type Random } from "@headgate/demo-world";
import type { Row } from "@headgate/model";
import { parseFilter, parseOrderBy, parseSelect, type QueryOptions } from "@headgate/odata";

export const ENTITY_SETS = ["Projects", "RFIs", "Submittals", "Observations"] as const;
export type BenchEntitySet = (typeof ENTITY_SETS)[number];

/** Every row of the benchmark's entity sets, by entity set. */
export type AllRows = Readonly<Record<BenchEntitySet, readonly Row[]>>;

/** The Action's query parameters, as a model sends them. */
export interface QuestionParameters {
  readonly filter?: string;
  readonly select?: string;
  readonly orderby?: string;
  /** The page size: how many rows the model asked for (0 with `count`: the total only). */
  readonly top: number;
  readonly count?: boolean;
}

export interface Question {
  readonly id: number;
  readonly entitySet: BenchEntitySet;
  /** Every project of the company, one project, or a few named projects. */
  readonly scope: "company" | "project" | "projects";
  readonly parameters: QuestionParameters;
  /**
   * How an answer's rows are compared: in order (the order is total), by the order's key values
   * (ties may come in any order), or as a set (no order asked for).
   */
  readonly order: "total" | "keys" | "none";
  /** The properties the order sorts by. */
  readonly orderKeys: readonly string[];
}

export interface ParsedQuestion {
  /** The query without its page size: the whole answer. */
  readonly options: QueryOptions;
}

const PLAIN = { urlEncoded: false } as const;

export function parseQuestion(question: Question): ParsedQuestion {
  const { filter, select, orderby } = question.parameters;
  return {
    options: {
      ...(filter === undefined ? {} : { filter: parseFilter(filter, PLAIN) }),
      ...(select === undefined ? {} : { select: parseSelect(select, PLAIN) }),
      ...(orderby === undefined ? {} : { orderby: parseOrderBy(orderby, PLAIN) }),
    },
  };
}

interface Order {
  readonly text: string;
  readonly keys: readonly string[];
  readonly total: boolean;
}

type Condition = (random: Random, rows: readonly Row[]) => string;

interface SetSpec {
  /** Project-scoped: filtered by `project_id`; Projects is filtered by its own `id`. */
  readonly projectProperty: "project_id" | "id";
  readonly conditions: readonly Condition[];
  readonly orders: readonly (Order | undefined)[];
  /** Properties a question selects (an empty list: all). */
  readonly selects: readonly (readonly string[])[];
}

const TOPS = [5, 10, 20, 25, 50, 100];

export function generateQuestions(rows: AllRows, count: number, seed: number): Question[] {
  const random = createRandom(seed, "procore-budget-questions");
  const projectIds = rows.Projects.map((p) => p.id as number);
  const questions: Question[] = [];
  for (let id = 1; id <= count; id++) {
    const entitySet = random.weighted<BenchEntitySet>([
      ["RFIs", 35],
      ["Submittals", 25],
      ["Observations", 20],
      ["Projects", 20],
    ]);
    questions.push(question(id, entitySet, SPECS[entitySet], rows[entitySet], projectIds, random));
  }
  return questions;
}

function question(
  id: number,
  entitySet: BenchEntitySet,
  spec: SetSpec,
  rows: readonly Row[],
  projectIds: readonly number[],
  random: Random,
): Question {
  const scope = random.weighted<Question["scope"]>(
    spec.projectProperty === "id"
      ? [
          ["company", 75],
          ["project", 15],
          ["projects", 10],
        ]
      : [
          ["company", 45],
          ["project", 40],
          ["projects", 15],
        ],
  );
  const conjuncts = [...scopeConjunct(scope, spec.projectProperty, projectIds, random)];
  const extra = scope === "company" ? random.int(0, 2) : random.int(0, 1);
  for (let i = 0; i < extra; i++) conjuncts.push(random.pick(spec.conditions)(random, rows));
  const filter = conjuncts.length === 0 ? undefined : [...new Set(conjuncts)].join(" and ");
  if (random.chance(0.08))
    return {
      id,
      entitySet,
      scope,
      parameters: { ...opt("filter", filter), top: 0, count: true },
      order: "none",
      orderKeys: [],
    };
  const order = random.pick(spec.orders);
  const base = random.pick(spec.selects);
  const select =
    base.length === 0 ? undefined : [...new Set(["id", ...base, ...(order?.keys ?? [])])].join(",");
  return {
    id,
    entitySet,
    scope,
    parameters: {
      ...opt("filter", filter),
      ...opt("select", select),
      ...opt("orderby", order?.text),
      top: random.pick(TOPS),
      ...(random.chance(0.3) ? { count: true } : {}),
    },
    order: order === undefined ? "none" : order.total ? "total" : "keys",
    orderKeys: order?.keys ?? [],
  };
}

function opt<K extends string>(name: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [name]: value } as Record<K, string>);
}

function scopeConjunct(
  scope: Question["scope"],
  property: string,
  projectIds: readonly number[],
  random: Random,
): string[] {
  if (scope === "company") return [];
  if (scope === "project") return [`${property} eq ${random.pick(projectIds)}`];
  const picked = new Set<number>();
  const wanted = random.int(2, 5);
  while (picked.size < wanted) picked.add(random.pick(projectIds));
  return [`${property} in (${[...picked].join(",")})`];
}

// ---- values taken from the data ----

function sampleValue(random: Random, rows: readonly Row[], property: string): unknown {
  for (let attempt = 0; attempt < 50; attempt++) {
    const value = random.pick(rows)[property];
    if (value !== null && value !== undefined && value !== "") return value;
  }
  throw new Error(`no row has a value for ${property}`);
}

function quoted(value: unknown): string {
  return `'${String(value).replaceAll("'", "''")}'`;
}

/** A word of at least four letters from some row's text, as written (contains is case-sensitive). */
function word(random: Random, rows: readonly Row[], property: string): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const words = String(sampleValue(random, rows, property))
      .split(/[^A-Za-z]+/)
      .filter((w) => w.length >= 4);
    if (words.length > 0) return random.pick(words);
  }
  throw new Error(`no words in ${property}`);
}

const equals =
  (property: string): Condition =>
  (random, rows) =>
    `${property} eq ${quoted(sampleValue(random, rows, property))}`;
const fixed =
  (text: string): Condition =>
  () =>
    text;
const contains =
  (property: string): Condition =>
  (random, rows) =>
    `contains(${property},${quoted(word(random, rows, property))})`;
/** A date or timestamp bound taken from a row: literals are written bare, as OData wants. */
const bound =
  (property: string, op: "lt" | "ge" | "gt"): Condition =>
  (random, rows) =>
    `${property} ${op} ${String(sampleValue(random, rows, property))}`;
const above =
  (property: string): Condition =>
  (random, rows) =>
    `${property} gt ${Math.round(Number(sampleValue(random, rows, property)))}`;

const SPECS: Readonly<Record<BenchEntitySet, SetSpec>> = {
  RFIs: {
    projectProperty: "project_id",
    conditions: [
      fixed("status eq 'open'"),
      fixed("status in ('open','draft')"),
      fixed("status eq 'closed'"),
      bound("due_date", "lt"),
      bound("due_date", "ge"),
      bound("created_at", "ge"),
      bound("updated_at", "ge"),
      contains("subject"),
      contains("subject"),
      equals("cost_impact_status"),
      equals("ball_in_court_name"),
    ],
    orders: [
      { text: "due_date desc,id", keys: ["due_date", "id"], total: true },
      { text: "id desc", keys: ["id"], total: true },
      { text: "created_at desc", keys: ["created_at"], total: false },
      { text: "subject,id", keys: ["subject", "id"], total: true },
      undefined,
    ],
    selects: [
      ["project_id", "subject", "status", "due_date"],
      ["number", "subject", "ball_in_court_name", "status"],
      [],
    ],
  },
  Submittals: {
    projectProperty: "project_id",
    conditions: [
      fixed("status eq 'Open'"),
      fixed("status in ('Open','Draft')"),
      equals("type"),
      bound("due_date", "lt"),
      bound("due_date", "ge"),
      bound("created_at", "ge"),
      contains("title"),
      equals("responsible_contractor_name"),
      equals("specification_section_number"),
    ],
    orders: [
      { text: "due_date desc,id", keys: ["due_date", "id"], total: true },
      { text: "id", keys: ["id"], total: true },
      { text: "formatted_number", keys: ["formatted_number"], total: false },
      { text: "title,id", keys: ["title", "id"], total: true },
      undefined,
    ],
    selects: [
      ["project_id", "formatted_number", "title", "status", "due_date"],
      ["title", "type", "responsible_contractor_name"],
      [],
    ],
  },
  Observations: {
    projectProperty: "project_id",
    conditions: [
      fixed("status in ('initiated','ready_for_review')"),
      fixed("status eq 'not_accepted'"),
      fixed("priority eq 'Urgent'"),
      fixed("priority in ('High','Urgent')"),
      equals("type_name"),
      equals("trade_name"),
      bound("due_date", "lt"),
      bound("created_at", "ge"),
      contains("name"),
      contains("description"),
    ],
    orders: [
      { text: "due_date,id", keys: ["due_date", "id"], total: true },
      { text: "id desc", keys: ["id"], total: true },
      { text: "priority,number", keys: ["priority", "number"], total: false },
      { text: "created_at desc,id", keys: ["created_at", "id"], total: true },
      undefined,
    ],
    selects: [
      ["project_id", "name", "status", "priority", "due_date"],
      ["name", "type_name", "trade_name", "assignee_name"],
      [],
    ],
  },
  Projects: {
    projectProperty: "id",
    conditions: [
      fixed("active eq true"),
      fixed("active eq false"),
      equals("stage"),
      equals("city"),
      above("total_value"),
      contains("name"),
      bound("start_date", "ge"),
      bound("completion_date", "lt"),
    ],
    orders: [
      { text: "total_value desc,id", keys: ["total_value", "id"], total: true },
      { text: "name", keys: ["name"], total: false },
      { text: "start_date,id", keys: ["start_date", "id"], total: true },
      undefined,
    ],
    selects: [
      ["name", "project_number", "city", "stage", "total_value"],
      ["display_name", "active", "start_date", "completion_date"],
      [],
    ],
  },
};
