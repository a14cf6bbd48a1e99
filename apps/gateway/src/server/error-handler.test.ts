import { ODataError } from "@headgate/odata";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { answerError, type ErrorLog, installErrorHandling, toODataError } from "./error-handler.ts";

function recordingLog(): ErrorLog & { lines: { level: string; object: object; message: string }[] } {
  const lines: { level: string; object: object; message: string }[] = [];
  return {
    lines,
    error: (object, message) => lines.push({ level: "error", object, message }),
    info: (object, message) => lines.push({ level: "info", object, message }),
  };
}

describe("what a client is shown for an error", () => {
  it("is a refusal (4xx) as raised, without a correlation id: the client can fix it", () => {
    const refusal = new ODataError({
      code: "UnknownProperty",
      status: 400,
      message: "No 'Stauts'.",
      target: "$filter",
    });
    expect(toODataError(refusal, "req-1")).toBe(refusal);
  });

  it("is a failure of ours (5xx) with its code, status and target, its message quoting the id", () => {
    const upstream = new ODataError({
      code: "UpstreamError",
      status: 502,
      message: "Sage did not answer.",
      target: "Jobs",
    });
    const shown = toODataError(upstream, "req-2");
    expect(shown).toMatchObject({ code: "UpstreamError", status: 502, target: "Jobs" });
    expect(shown.message).toBe("Sage did not answer. (request id req-2)");
  });

  it("is a generic InternalError for anything that is not ours, quoting the id and nothing of the error", () => {
    const shown = toODataError(new TypeError("Do not know how to serialize a BigInt"), "req-3");
    expect(shown).toMatchObject({ code: "InternalError", status: 500 });
    expect(shown.message).toMatch(/\(request id req-3\)$/);
    expect(shown.message).not.toContain("BigInt");
  });
});

describe("an error answered", () => {
  it("is logged as an error with the original when it is ours to fix, at info when it is the client's", () => {
    const log = recordingLog();
    const bug = new TypeError("boom");
    answerError(bug, "req-4", log);
    answerError(new ODataError({ code: "NotFound", status: 404, message: "No such job." }), "req-5", log);
    expect(log.lines).toEqual([
      { level: "error", object: { err: bug }, message: "request failed" },
      { level: "info", object: { code: "NotFound", status: 404 }, message: "No such job." },
    ]);
  });
});

describe("an error that says when to retry", () => {
  const budget = new ODataError({
    code: "UpstreamBudgetExhausted",
    status: 429,
    message: "Procore's hourly budget is spent.",
    retryAfterSeconds: 41.2,
  });

  async function answered(error: ODataError) {
    const app = Fastify({ logger: false });
    installErrorHandling(app);
    app.get("/odata/Rfis", async () => {
      throw error;
    });
    try {
      return await app.inject({ method: "GET", url: "/odata/Rfis" });
    } finally {
      await app.close();
    }
  }

  it("is answered with its status, its OData error body and Retry-After in whole seconds", async () => {
    const response = await answered(budget);
    expect(response.statusCode).toBe(429);
    expect(response.headers["retry-after"]).toBe("42");
    expect(response.json()).toEqual({
      error: { code: "UpstreamBudgetExhausted", message: "Procore's hourly budget is spent." },
    });
  });

  it("keeps its Retry-After when it is a failure of ours that quotes the request id", async () => {
    const unavailable = new ODataError({
      code: "UpstreamUnavailable",
      status: 503,
      message: "Sage is restarting.",
      retryAfterSeconds: 30,
    });
    expect(toODataError(unavailable, "req-6").retryAfterSeconds).toBe(30);
    const response = await answered(unavailable);
    expect(response.statusCode).toBe(503);
    expect(response.headers["retry-after"]).toBe("30");
  });

  it("is the only kind that carries Retry-After", async () => {
    const refusal = new ODataError({ code: "NotFound", status: 404, message: "No such job." });
    expect((await answered(refusal)).headers["retry-after"]).toBeUndefined();
  });
});
