/** A minimal ArcGIS REST client for the simulator's tests: tokens, GET/POST with form params. */
import { type RunningSimulator, startSimulator } from "../../core/start-simulator.ts";
import {
  type ArcgisSimulatorDefinition,
  type ArcgisSimulatorOptions,
  arcgisSimulator,
} from "../arcgis-simulator.ts";
import type { FeatureServiceData } from "../model.ts";
import { demoData } from "./demo-data.ts";

export const SERVICE_PATH = "/arcgis/rest/services/Construction/CascadeRidge/FeatureServer";

export type Json = Record<string, unknown> & {
  readonly error?: { readonly code: number; readonly message: string; readonly details: readonly string[] };
};

export class ArcgisTestClient {
  token: string | undefined;

  constructor(
    readonly sim: RunningSimulator,
    readonly definition: ArcgisSimulatorDefinition,
  ) {}

  static async start(options: ArcgisSimulatorOptions = {}, data: FeatureServiceData = demoData) {
    const definition = arcgisSimulator(data, options);
    return new ArcgisTestClient(await startSimulator(definition), definition);
  }

  close(): Promise<void> {
    return this.sim.close();
  }

  async signIn(): Promise<string> {
    const { username, password } = this.definition.credentials;
    const body = await this.post("/arcgis/tokens/generateToken", {
      username,
      password,
      client: "requestip",
      f: "json",
    });
    this.token = String(body.token);
    return this.token;
  }

  url(path: string, params: Record<string, string | number | boolean> = {}): string {
    const query = formOf(params);
    return `${this.sim.url}${path}${query.size > 0 ? `?${query}` : ""}`;
  }

  private withToken(params: Record<string, string | number | boolean>) {
    return this.token && !("token" in params) ? { ...params, token: this.token } : params;
  }

  async get(path: string, params: Record<string, string | number | boolean> = {}): Promise<Json> {
    const response = await fetch(this.url(path, this.withToken(params)));
    expect200(response);
    return readJson(response);
  }

  async post(path: string, params: Record<string, string | number | boolean> = {}): Promise<Json> {
    const body = formOf(this.withToken(params));
    const response = await fetch(`${this.sim.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
    expect200(response);
    return readJson(response);
  }

  query(layer: number, params: Record<string, string | number | boolean>): Promise<Json> {
    return this.get(`${SERVICE_PATH}/${layer}/query`, { f: "json", ...params });
  }
}

function expect200(response: Response): void {
  if (response.status !== 200) throw new Error(`expected HTTP 200, got ${response.status}`);
}

export function attributesOf(body: Json): Record<string, unknown>[] {
  return (body.features as { attributes: Record<string, unknown> }[]).map((f) => f.attributes);
}

export async function readJson(response: Response): Promise<Json> {
  return (await response.json()) as Json;
}

function formOf(params: Record<string, string | number | boolean>): URLSearchParams {
  return new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])));
}
