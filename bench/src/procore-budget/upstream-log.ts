/**
 * What the Procore simulator was asked, request by request: when each API request arrived, what
 * it read (a project list, one project's RFIs, its changes since a moment, ...) and how it was
 * answered. The simulator's own `usage()` is the exact total; this log says where it went and
 * whether the requests, all tokens together, ever exceeded the spike window.
 */
import type { ProcoreData } from "@headgate/demo-world";
import {
  type ProcoreSimulatorDefinition,
  type ProcoreSimulatorOptions,
  procoreSimulator,
} from "@headgate/simulators";
import type { FastifyRequest } from "fastify";

export interface UpstreamRequest {
  /** Epoch ms when the request arrived. */
  readonly at: number;
  readonly kind: string;
  /** Which list it read: the path, and the project for lists that take it as a parameter. */
  readonly list: string;
  readonly status: number;
}

export interface LoggedSimulator {
  readonly definition: ProcoreSimulatorDefinition;
  readonly requests: UpstreamRequest[];
}

/** A Procore simulator whose API requests are logged (the usage counter still counts them all). */
export function loggedProcoreSimulator(data: ProcoreData, options: ProcoreSimulatorOptions): LoggedSimulator {
  const inner = procoreSimulator(data, options);
  const requests: UpstreamRequest[] = [];
  const arrivals = new WeakMap<FastifyRequest, number>();
  const definition: ProcoreSimulatorDefinition = {
    ...inner,
    routes: async (app, faults) => {
      app.addHook("onRequest", async (request) => {
        if (request.url.startsWith("/rest/")) arrivals.set(request, Date.now());
      });
      app.addHook("onResponse", async (request, reply) => {
        const at = arrivals.get(request);
        if (at !== undefined)
          requests.push({
            at,
            kind: kindOf(request.url),
            list: listOf(request.url),
            status: reply.statusCode,
          });
      });
      await inner.routes(app, faults);
    },
  };
  return { definition, requests };
}

/** `RFIs (whole list)`, `Submittals (changes)`, `project list`, ... */
export function kindOf(url: string): string {
  const decoded = decodeURIComponent(url);
  const changes = decoded.includes("filters[updated_at]") ? "changes" : "whole list";
  const path = decoded.split("?")[0]!;
  if (/\/projects\/\d+\/rfis$/.test(path)) return `RFIs (${changes})`;
  if (/\/projects\/\d+\/submittals$/.test(path)) return `Submittals (${changes})`;
  if (path.endsWith("/observations/items")) return `Observations (${changes})`;
  if (path.endsWith("/projects")) return `project list (${changes})`;
  return path;
}

function listOf(url: string): string {
  const [path, query = ""] = url.split("?");
  const project = new URLSearchParams(query).get("project_id");
  return project === null ? path! : `${path}?project_id=${project}`;
}

/**
 * Whole-list reads of a list already read whole earlier in the run, by kind: within the cache's
 * retention (an hour) an expired list is refreshed with its changes, so these are reads that
 * single flight should have shared.
 */
export function repeatedWholeReads(requests: readonly UpstreamRequest[]): string {
  const seen = new Set<string>();
  const repeated = new Map<string, number>();
  for (const r of [...requests].sort((a, b) => a.at - b.at)) {
    if (!r.kind.endsWith("(whole list)")) continue;
    if (seen.has(r.list)) repeated.set(r.kind, (repeated.get(r.kind) ?? 0) + 1);
    seen.add(r.list);
  }
  return [...repeated].map(([kind, n]) => `${kind} ${n}`).join(", ") || "none";
}

export function countByKind(requests: readonly UpstreamRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return new Map([...counts].sort((a, b) => b[1] - a[1]));
}

export function describeKinds(requests: readonly UpstreamRequest[]): string {
  return [...countByKind(requests)].map(([kind, n]) => `${kind} ${n}`).join(", ");
}

/** The most requests that arrived within any span of `windowMs` (a sliding window, stricter than Procore's fixed one). */
export function mostInAnyWindow(requests: readonly UpstreamRequest[], windowMs: number): number {
  const times = requests.map((r) => r.at).sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while (times[end]! - times[start]! >= windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
