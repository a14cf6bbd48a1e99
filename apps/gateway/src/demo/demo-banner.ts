/**
 * What `pnpm start` prints once the demo is up: where each door is, the two keys each labelled
 * with where it belongs (the query key for assistants and reports, the admin key for managing
 * the gateway only), and two requests to paste with the query key, one as ChatGPT would send
 * it and one as an MCP client would.
 */
import type { DemoKey, DemoKeys } from "./demo-key.ts";

/** The MCP request the banner shows (and the demo test sends), as a JSON-RPC body. */
export const DEMO_MCP_CALL = {
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: {
    name: "query_entity_set",
    arguments: { entity_set: "Jobs", select: "Job,Description", filter: "Status eq 'In Progress'", top: 3 },
  },
} as const;

/** The Action request the banner shows, relative to the public URL. */
export const DEMO_ACTION_PATH =
  "/api/entity-sets/Jobs/rows?filter=Status%20eq%20'In%20Progress'&select=Job,Description,Revised_Contract_Amount&orderby=Revised_Contract_Amount%20desc&top=5";

export interface DemoBannerInput {
  readonly companyName: string;
  readonly publicUrl: string;
  readonly keys: DemoKeys;
  readonly entitySets: readonly string[];
  readonly problems: readonly string[];
}

export function demoBanner(input: DemoBannerInput): string {
  const url = input.publicUrl;
  const { query, admin } = input.keys;
  const action = `curl -s -H "Authorization: Bearer ${query.key}" "${url}${DEMO_ACTION_PATH}"`;
  const mcp = [
    `curl -s ${url}/mcp -H "Authorization: Bearer ${query.key}" \\`,
    `    -H "Content-Type: application/json" -H "Accept: application/json, text/event-stream" \\`,
    `    -d '${JSON.stringify(DEMO_MCP_CALL).replaceAll("'", `'"'"'`)}'`,
  ].join("\n");
  return [
    "",
    `Headgate demo is running: ${input.companyName}'s Sage 300 CRE and Procore data behind one gateway.`,
    "",
    `  OData service        ${url}/odata            (Excel / Power BI: ${url}/odata as an OData feed)`,
    `  OpenAPI for ChatGPT  ${url}/openapi.json     (Custom GPT → Actions → Import from URL)`,
    `  API docs             ${url}/docs`,
    `  MCP (HTTP)           ${url}/mcp`,
    "  MCP (stdio)          pnpm --silent headgate mcp --workspace demo",
    "",
    `  Query key            ${query.key}  ${whereKept(query)}`,
    "                       for ChatGPT, Claude, Cursor, Excel and Power BI: it reads data and nothing else",
    `  Admin key            ${admin.key}  ${whereKept(admin, "; set HEADGATE_API_KEY to choose your own")}`,
    "                       manages keys, connections and the audit log: never paste it into an assistant",
    "",
    `  Entity sets: ${input.entitySets.join(", ")}`,
    ...(input.problems.length > 0
      ? ["", "  Not available:", ...input.problems.map((p) => `    - ${p}`)]
      : []),
    "",
    "  Ask like ChatGPT (the Action API):",
    `    ${action}`,
    "",
    "  Ask like an MCP client (Claude, Cursor):",
    `    ${mcp}`,
    "",
    "  Stop with Ctrl-C.",
    "",
  ].join("\n");
}

function whereKept(key: DemoKey, choice = ""): string {
  return key.source === "HEADGATE_API_KEY" ? "(from HEADGATE_API_KEY)" : `(kept in ${key.file}${choice})`;
}
