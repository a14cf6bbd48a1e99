/**
 * Test support: a Procore simulator over the demo company's data, and a small client that signs
 * in with client credentials and calls the API with the company header, the way a connector does.
 */
import { generateCompany, generateProcoreData, type ProcoreData } from "@headgate/demo-world";
import { type RunningSimulator, startSimulator } from "../core/start-simulator.ts";
import { DEFAULT_PROCORE_CREDENTIALS } from "./credentials.ts";
import {
  type ProcoreSimulatorDefinition,
  type ProcoreSimulatorOptions,
  procoreSimulator,
} from "./procore-simulator.ts";

let cached: ProcoreData | undefined;

/** The demo company's Procore data (seed 7, scale 1), generated once per test file. */
export function demoProcoreData(): ProcoreData {
  cached ??= generateProcoreData(generateCompany({ seed: 7 }));
  return cached;
}

export interface ProcoreTestServer {
  readonly sim: RunningSimulator;
  readonly definition: ProcoreSimulatorDefinition;
  readonly data: ProcoreData;
  /** A fresh client-credentials access token. */
  token(): Promise<string>;
  /** GET with a bearer token and the company header (override or drop them via `headers`). */
  get(path: string, headers?: Record<string, string | undefined>): Promise<Response>;
  /** GET and parse a JSON array answer, failing loudly on any other status. */
  list<T = { readonly id: number }>(path: string): Promise<T[]>;
  /** Any method with a JSON body, authenticated like `get`. */
  send(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string | undefined>,
  ): Promise<Response>;
  /** A call to the simulator's control surface (`/_simulator/...`), which needs no token. */
  control(method: string, path: string, body?: unknown): Promise<Response>;
  close(): Promise<void>;
}

/** A token endpoint answer: the token pair, or an OAuth error. */
export interface OAuthBody {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly refresh_token?: string;
  readonly created_at: number;
  readonly error?: string;
  readonly error_description?: string;
}

/** The answer of an authorization-code or refresh grant. */
export interface TokenPair extends OAuthBody {
  readonly refresh_token: string;
}

/** Procore's v1 error body. */
export interface ErrorBody {
  readonly errors: string;
}

export async function readJson<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export function form(fields: Record<string, string>): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

export const CLIENT = {
  client_id: DEFAULT_PROCORE_CREDENTIALS.clientId,
  client_secret: DEFAULT_PROCORE_CREDENTIALS.clientSecret,
};

export async function startProcoreTestServer(
  options: ProcoreSimulatorOptions = {},
): Promise<ProcoreTestServer> {
  const data = demoProcoreData();
  const definition = procoreSimulator(data, options);
  const sim = await startSimulator(definition);
  const token = async () => {
    const response = await fetch(
      `${sim.url}/oauth/token`,
      form({ grant_type: "client_credentials", ...CLIENT }),
    );
    return ((await response.json()) as { access_token: string }).access_token;
  };
  const bearer = await token();
  const send = (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string | undefined> = {},
  ) => {
    const merged: Record<string, string | undefined> = {
      authorization: `Bearer ${bearer}`,
      "procore-company-id": String(data.company.id),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    };
    const sent = Object.fromEntries(
      Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined),
    );
    const json = body === undefined ? {} : { body: JSON.stringify(body) };
    return fetch(`${sim.url}${path}`, { method, headers: sent, ...json });
  };
  const get = (path: string, headers: Record<string, string | undefined> = {}) =>
    send("GET", path, undefined, headers);
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sim.url}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    });
  const list = async <T>(path: string) => {
    const response = await get(path);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T[];
  };
  return { sim, definition, data, token, get, list, send, control, close: () => sim.close() };
}
