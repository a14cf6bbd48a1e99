/**
 * Shared by the Graph simulator's tests: a running simulator over the demo company's SharePoint
 * data, and small helpers to get a token and call Graph the way a client does.
 */
import { generateCompany } from "@headgate/demo-world";
import { type RunningSimulator, startSimulator } from "../core/start-simulator.ts";
import {
  type GraphSimulatorDefinition,
  type GraphSimulatorOptions,
  graphSimulator,
} from "./graph-simulator.ts";
import { generateSharepointData, type SharepointData } from "./model.ts";

export const GRAPH_SCOPE = "https://graph.microsoft.com/.default";

export interface GraphHarness {
  readonly sim: RunningSimulator;
  readonly definition: GraphSimulatorDefinition;
  readonly data: SharepointData;
  /** POSTs a form to the token endpoint of `tenant` (the configured tenant by default). */
  tokenRequest(
    form: Record<string, string>,
    init?: { tenant?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** A fresh client-credentials token for Graph. */
  token(): Promise<string>;
  /** GET `/v1.0{path}` (or an absolute next link) with a valid token unless headers say otherwise. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** GET and parse; fails the test unless the status is 200. */
  json<T = GraphBody>(path: string, headers?: Record<string, string>): Promise<T>;
  close(): Promise<void>;
}

/** Loose shape of a Graph answer, for reading in tests. */
export interface GraphBody {
  readonly "@odata.context"?: string;
  readonly "@odata.nextLink"?: string;
  readonly value?: readonly Record<string, unknown>[];
  readonly [key: string]: unknown;
}

export async function startGraph(options: GraphSimulatorOptions = {}): Promise<GraphHarness> {
  const data = generateSharepointData(generateCompany());
  const definition = graphSimulator(data, options);
  const sim = await startSimulator(definition);
  const { tenantId, clientId, clientSecret } = definition.credentials;
  let cached: string | undefined;
  const tokenRequest: GraphHarness["tokenRequest"] = async (form, init = {}) =>
    buffered(
      await fetch(`${sim.url}/${init.tenant ?? tenantId}/oauth2/v2.0/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", ...init.headers },
        body: new URLSearchParams(form),
      }),
    );
  const token = async () => {
    const response = await tokenRequest({
      grant_type: "client_credentials",
      client_id: clientId,
      client_secret: clientSecret,
      scope: GRAPH_SCOPE,
    });
    const body = (await response.json()) as { access_token: string };
    return body.access_token;
  };
  const get: GraphHarness["get"] = async (path, headers = {}) => {
    cached ??= await token();
    const url = path.startsWith("http") ? path : `${sim.url}/v1.0${path}`;
    return buffered(await fetch(url, { headers: { authorization: `Bearer ${cached}`, ...headers } }));
  };
  return {
    sim,
    definition,
    data,
    tokenRequest,
    token,
    get,
    async json(path, headers) {
      const response = await get(path, headers);
      const text = await response.text();
      if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text}`);
      return JSON.parse(text);
    },
    close: () => sim.close(),
  };
}

/**
 * The response with its body already read, so the connection is free even when a test looks
 * only at the status (an unread body keeps the socket busy and the server from closing).
 */
async function buffered(response: Response): Promise<Response> {
  const body = await response.arrayBuffer();
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** Follows `@odata.nextLink` to the end, returning every page. */
export async function allPages(
  graph: GraphHarness,
  path: string,
  headers?: Record<string, string>,
): Promise<GraphBody[]> {
  const pages: GraphBody[] = [];
  let next: string | undefined = path;
  while (next) {
    const page: GraphBody = await graph.json(next, headers);
    pages.push(page);
    next = page["@odata.nextLink"];
  }
  return pages;
}

export interface GraphErrorBody {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly innerError: Readonly<Record<string, string>>;
  };
}

/** The `error` object of a Graph error answer. */
export async function graphError(response: Response): Promise<GraphErrorBody["error"]> {
  return ((await response.json()) as GraphErrorBody).error;
}

/** A response body read as the shape a test expects. */
export async function jsonOf<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
