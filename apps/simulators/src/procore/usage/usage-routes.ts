/**
 * Counting the requests the simulator answers, and reading the counts over HTTP next to the
 * fault switches: `GET /_simulator/usage` gives `{since, requests, rateLimited, oauthRequests,
 * byToken}`; `POST /_simulator/usage/reset` starts counting afresh and gives the empty counts.
 */
import type { FastifyInstance } from "fastify";
import { rateLimitKey } from "../http/api-guard.ts";
import type { UsageCounter } from "./usage-counter.ts";

export function registerUsage(app: FastifyInstance, counter: UsageCounter): void {
  // onSend sees every answer, also those a fault switch sent before any route ran, and runs
  // before the answer leaves, so a count read after it is never behind.
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.url.startsWith("/rest/")) counter.api(rateLimitKey(request), reply.statusCode);
    else if (request.url.startsWith("/oauth/token")) counter.oauth();
    return payload;
  });
  app.get("/_simulator/usage", async () => counter.report());
  app.post("/_simulator/usage/reset", async () => {
    counter.reset();
    return counter.report();
  });
}
