/**
 * Upstream failures in the gateway's error model: the upstream's own message survives (an admin
 * needs it), shortened, and no bearer token, secret or credential parameter ever does.
 */
import { ODataError } from "@headgate/odata";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { redactSecrets, UpstreamError, upstreamMessage } from "./upstream-error.ts";

describe("redactSecrets", () => {
  it("removes bearer tokens, credential parameters and credential JSON fields", () => {
    const text =
      'sent Authorization: Bearer eyJhbGciOi.J9-x_y~z+/= to /rfis?access_token=abc123&page=2; form client_secret=s3cr3t&code=xyz; body {"refresh_token": "rt-77", "access_token":"at-9"}';
    const safe = redactSecrets(text);
    for (const secret of ["eyJhbGciOi", "abc123", "s3cr3t", "xyz", "rt-77", "at-9"])
      expect(safe).not.toContain(secret);
    expect(safe).toContain("Bearer [redacted]");
    expect(safe).toContain("access_token=[redacted]&page=2");
    expect(safe).toContain('"refresh_token": "[redacted]"');
  });

  it("never lets a bearer token through, whatever its characters", () => {
    const token = fc.stringMatching(/^[A-Za-z0-9._~+/=-]{8,60}$/);
    fc.assert(
      fc.property(token, fc.string({ maxLength: 30 }), (secret, around) => {
        expect(redactSecrets(`${around} bearer ${secret} ${around}`)).not.toContain(secret);
        expect(redactSecrets(`${around}?token=${secret}&x=1`)).not.toContain(secret);
      }),
    );
  });

  it("leaves ordinary text alone", () => {
    const text = "The project 12 does not exist or you do not have access to it.";
    expect(redactSecrets(text)).toBe(text);
  });
});

describe("upstreamMessage", () => {
  it("takes Procore's message from its JSON error shapes", () => {
    expect(upstreamMessage('{"errors":"Invalid sort attribute \'cost\'"}')).toBe(
      "Invalid sort attribute 'cost'",
    );
    expect(upstreamMessage('{"errors":["first problem","second problem"]}')).toBe(
      "first problem; second problem",
    );
    expect(upstreamMessage('{"message":"Not Found"}')).toBe("Not Found");
    expect(
      upstreamMessage('{"error":"invalid_grant","error_description":"The refresh token is invalid"}'),
    ).toBe("The refresh token is invalid");
  });

  it("reads the text of an HTML error page and keeps plain text as it is", () => {
    expect(
      upstreamMessage(
        "<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>Down</h1></body></html>",
      ),
    ).toBe("503 Service Temporarily Unavailable Down");
    expect(upstreamMessage("  You have surpassed the max number of requests for an hour.  ")).toBe(
      "You have surpassed the max number of requests for an hour.",
    );
  });

  it("shortens long bodies to 300 characters and redacts what it keeps", () => {
    const long = upstreamMessage(`failed: ${"x".repeat(1000)}`);
    expect(long).toHaveLength(301);
    expect(long.endsWith("…")).toBe(true);
    expect(upstreamMessage('{"errors":"token Bearer abc.def.ghi expired"}')).toBe(
      "token Bearer [redacted] expired",
    );
  });
});

describe("UpstreamError", () => {
  it("is an ODataError with code UpstreamError: 504 for a deadline, 502 for everything else", () => {
    const deadline = new UpstreamError("deadline", "too slow", { target: "/rest/v1.0/projects" });
    expect(deadline).toBeInstanceOf(ODataError);
    expect(deadline.status).toBe(504);
    expect(deadline.toJSON()).toEqual({
      error: { code: "UpstreamError", message: "too slow", target: "/rest/v1.0/projects" },
    });
    for (const kind of ["status", "network", "auth", "body"] as const) {
      const error = new UpstreamError(kind, "failed", { upstreamStatus: 500 });
      expect(error.status).toBe(502);
      expect(error.code).toBe("UpstreamError");
      expect(error.kind).toBe(kind);
      expect(error.upstreamStatus).toBe(500);
    }
  });

  it("is a 429 UpstreamRateLimited for a spent budget and a 503 UpstreamUnavailable for an overload, both saying when to retry", () => {
    const budget = new UpstreamError("budget", "spent", { retryAfterSeconds: 90.2 });
    expect([budget.status, budget.code, budget.retryAfterSeconds]).toEqual([429, "UpstreamRateLimited", 91]);
    const busy = new UpstreamError("unavailable", "busy", { retryAfterSeconds: 30, upstreamStatus: 503 });
    expect([busy.status, busy.code, busy.retryAfterSeconds]).toEqual([503, "UpstreamUnavailable", 30]);
    expect(new UpstreamError("status", "failed").retryAfterSeconds).toBeUndefined();
  });
});
