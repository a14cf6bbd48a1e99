/**
 * Runs a simulator as a real HTTP server on loopback (an ephemeral port unless one is given),
 * with the shared fault machinery in front of its routes. Tests start one per suite and close
 * it afterwards; `pnpm simulators` starts them all on fixed ports.
 */
import formbody from "@fastify/formbody";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { type FaultSwitches, Faults } from "./faults.ts";

export type FailureKind = "rateLimit" | "unavailable" | "serverError";

export interface SimulatorDefinition {
  readonly name: string;
  /** Registers the simulator's routes. */
  readonly routes: (app: FastifyInstance, faults: Faults) => void | Promise<void>;
  /** Answers a forced failure the way the real service does (status, headers, body). */
  readonly renderFailure: (
    kind: FailureKind,
    reply: FastifyReply,
    retryAfterSeconds: number | undefined,
  ) => FastifyReply;
}

export interface RunningSimulator {
  readonly name: string;
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly url: string;
  readonly faults: Faults;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly port?: number;
  readonly host?: string;
  readonly logger?: boolean;
}

const CONTROL_PREFIX = "/_simulator";

export async function startSimulator(
  definition: SimulatorDefinition,
  options: StartOptions = {},
): Promise<RunningSimulator> {
  const faults = new Faults();
  // Close even connections whose response body a test never read, so close() cannot hang.
  const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });
  await app.register(formbody);
  app.addHook("onRequest", async (request, reply) => {
    if (request.url.startsWith(CONTROL_PREFIX)) return;
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    const failure = faults.takeFailure();
    if (failure.kind) return definition.renderFailure(failure.kind, reply, failure.retryAfterSeconds);
  });
  app.addHook("onSend", async (request: FastifyRequest, reply, payload) => {
    if (request.url.startsWith(CONTROL_PREFIX) || typeof payload !== "string") return payload;
    const type = String(reply.getHeader("content-type") ?? "");
    return type.includes("json") ? faults.breakJson(payload) : payload;
  });
  registerControl(app, faults);
  await definition.routes(app, faults);
  const url = await app.listen({ port: options.port ?? 0, host: options.host ?? "127.0.0.1" });
  return {
    name: definition.name,
    url: url.replace("localhost", "127.0.0.1"),
    faults,
    app,
    close: () => app.close(),
  };
}

/** `GET|PUT|DELETE /_simulator/faults`: the switches over HTTP, for standalone runs. */
function registerControl(app: FastifyInstance, faults: Faults): void {
  app.get(`${CONTROL_PREFIX}/faults`, async () => faults.current);
  app.put<{ Body: FaultSwitches }>(`${CONTROL_PREFIX}/faults`, async (request) => {
    faults.set(request.body ?? {});
    return faults.current;
  });
  app.delete(`${CONTROL_PREFIX}/faults`, async () => {
    faults.reset();
    return faults.current;
  });
}
