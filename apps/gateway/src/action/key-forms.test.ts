/**
 * Both doors that take a key as a model writes it, /api `getEntity` and MCP `get_entity`, accept
 * the same key forms and refuse the same bad keys, with the same 4xx naming the key. One table
 * drives both, against the demo world (the Sage database and the memory sample).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectClient, type TestMcpClient } from "../mcp/mcp-test-clients.ts";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

let gateway: TestGateway;
let mcp: TestMcpClient;
beforeAll(async () => {
  gateway = await startTestGateway();
  mcp = await connectClient("v2-modern", { url: `${gateway.url}/mcp`, key: gateway.acme.queryKey });
});
afterAll(async () => {
  await mcp?.close();
  await gateway?.close();
});

/** What a door answered, in terms both doors share. */
type Outcome =
  | { readonly found: Record<string, unknown> }
  | { readonly code: string; readonly status?: number; readonly message: string };

interface Door {
  readonly name: string;
  /** Whether the door can carry a JSON number (a URL path carries only text). */
  readonly takesNumbers: boolean;
  get(entitySet: string, key: string | number): Promise<Outcome>;
}

const DOORS: readonly Door[] = [
  {
    name: "/api getEntity",
    takesNumbers: false,
    async get(entitySet, key) {
      const answer = await http(
        `${gateway.url}/api/entity-sets/${entitySet}/rows/${encodeURIComponent(String(key))}`,
        { key: gateway.acme.queryKey },
      );
      if (answer.status === 200) return { found: answer.body.row };
      const { code, message } = answer.body.error;
      return { code, status: answer.status, message };
    },
  },
  {
    name: "MCP get_entity",
    takesNumbers: true,
    async get(entitySet, key) {
      const answer = await mcp.call("get_entity", { entity_set: entitySet, key });
      if (!answer.isError) return { found: answer.structured.entity };
      const [, code = "", message = ""] = /^(\w+)(?: \([^)]*\))?: (.*)$/s.exec(answer.text) ?? [];
      return { code, message };
    },
  },
];

/** [entity set, key as written, the key properties of the row it must find] */
const ACCEPTED: readonly [string, string | number, Record<string, unknown>][] = [
  ["Jobs", "'23-104'", { Job: "23-104" }],
  ["Jobs", "23-104", { Job: "23-104" }],
  ["Jobs", '"23-104"', { Job: "23-104" }],
  ["Jobs", " 23-104 ", { Job: "23-104" }],
  ["Jobs", "Job='23-104'", { Job: "23-104" }],
  ["Jobs", "Job=23-104", { Job: "23-104" }],
  ["Jobs", "job=23-104", { Job: "23-104" }],
  ["Sample_Rfis", 1000, { Id: 1000 }],
  ["Sample_Rfis", "1000", { Id: 1000 }],
  ["Sample_Rfis", "'1000'", { Id: 1000 }],
  ["Sample_Rfis", "Id=1000", { Id: 1000 }],
  [
    "CostCodes",
    "Job='22-101',Extra='',Cost_Code='01-100'",
    { Job: "22-101", Extra: "", Cost_Code: "01-100" },
  ],
  ["CostCodes", "Job=22-101,Extra=,Cost_Code=01-100", { Job: "22-101", Extra: "", Cost_Code: "01-100" }],
  [
    "CostCodes",
    "Cost_Code=01-100, Job='22-101', Extra=''",
    { Job: "22-101", Extra: "", Cost_Code: "01-100" },
  ],
  [
    "JobCostTransactions",
    "Row_ID=1,Transaction_Table='History'",
    { Row_ID: 1, Transaction_Table: "History" },
  ],
  ["JobCostTransactions", "Row_ID=1,Transaction_Table=History", { Row_ID: 1, Transaction_Table: "History" }],
];

/** [entity set, key as written, status on HTTP, what the message must say besides the key] */
const REFUSED: readonly [string, string | number, number, string][] = [
  ["CostCodes", "22-101", 400, "Job=value,Extra=value,Cost_Code=value"],
  ["CostCodes", 2783000, 400, "Job=value,Extra=value,Cost_Code=value"],
  ["CostCodes", "Job=22-101,Cost_Code=01-100", 400, "'Extra' is missing"],
  ["CostCodes", "Job=22-101,Extra=,CostCode=01-100", 400, "did you mean 'Cost_Code'"],
  ["Sample_Rfis", "abc", 400, "'Id' is Edm.Int64: write an integer"],
  ["Sample_Rfis", 4.5, 400, "'Id' is Edm.Int64: write an integer"],
  ["Jobs", "Jbo=23-104", 400, "did you mean 'Job'"],
  ["JobCostTransactions", "Row_ID=one,Transaction_Table=History", 400, "'Row_ID' is Edm.Int"],
];

describe.each(DOORS)("the key forms $name accepts", (door) => {
  const cases = ACCEPTED.filter(([, key]) => door.takesNumbers || typeof key === "string");
  it.each(cases)("%s key %j", async (entitySet, key, expected) => {
    const outcome = await door.get(entitySet, key);
    expect(outcome).toMatchObject({ found: expected });
  });
});

describe.each(DOORS)("the bad keys $name refuses", (door) => {
  const cases = REFUSED.filter(([, key]) => door.takesNumbers || typeof key === "string");
  it.each(cases)("%s key %j: InvalidKey naming the key", async (entitySet, key, status, says) => {
    const outcome = await door.get(entitySet, key);
    expect(outcome).toMatchObject({ code: "InvalidKey", ...(door.takesNumbers ? {} : { status }) });
    const { message } = outcome as { message: string };
    expect(message).toContain(`invalid key (${String(key).trim()}) for '${entitySet}'`);
    expect(message).toContain(says);
  });

  it("answers a key that reads well but matches no row as NotFound, naming the key", async () => {
    const outcome = await door.get("Jobs", "99-999");
    expect(outcome).toMatchObject({ code: "NotFound", ...(door.takesNumbers ? {} : { status: 404 }) });
    expect((outcome as { message: string }).message).toContain("'99-999'");
  });
});
