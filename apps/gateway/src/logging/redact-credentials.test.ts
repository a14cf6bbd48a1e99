import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isCredentialParameter, redactCredentials, redactUrl } from "./redact-credentials.ts";

const credentialNames = fc.constantFrom(
  "api_key",
  "apikey",
  "apiKey",
  "API-KEY",
  "access_token",
  "accessToken",
  "token",
  "refresh_token",
  "client_secret",
  "code",
  "code_verifier",
  "password",
  "sig",
  "X-Amz-Signature",
  "api%5Fkey",
);
const queryOptions = fc.constantFrom(
  "$filter=Status%20eq%20'Open'",
  "$select=Job,Description",
  "$top=5",
  "$skiptoken=eyJ2IjoxfQ.abc",
  "filter=Amount gt 5",
  "cursor=eyJ2IjoxfQ",
  "$orderby=Job desc",
  "entity_set=Jobs",
);
/** A value as a client might send it: URL-safe characters, never empty. */
const secretValue = fc.stringMatching(/^[A-Za-z0-9_.~%+=/-]{1,40}$/).map((v) => `S3CR3T${v}`);

describe("redacting credentials from a request URL", () => {
  it("replaces the value of every credential parameter, wherever it is in the query", () => {
    fc.assert(
      fc.property(
        fc.array(queryOptions, { maxLength: 3 }),
        credentialNames,
        secretValue,
        fc.array(queryOptions, { maxLength: 3 }),
        (before, name, value, after) => {
          const url = `/odata/Jobs?${[...before, `${name}=${value}`, ...after].join("&")}`;
          const redacted = redactUrl(url);
          expect(redacted).not.toContain("S3CR3T");
          expect(redacted).toBe(`/odata/Jobs?${[...before, `${name}=[redacted]`, ...after].join("&")}`);
        },
      ),
    );
  });

  it("leaves a URL without credentials exactly as sent", () => {
    fc.assert(
      fc.property(fc.array(queryOptions, { maxLength: 5 }), (options) => {
        const url = `/api/entity-sets/Jobs/rows?${options.join("&")}`;
        expect(redactUrl(url)).toBe(url);
      }),
    );
  });

  it("finds URLs inside a message, up to the end of the URL", () => {
    expect(redactCredentials('Route GET:/x?top=1&access_token=abc not found; "/y?key=def" again')).toBe(
      'Route GET:/x?top=1&access_token=[redacted] not found; "/y?key=[redacted]" again',
    );
  });

  it("compares names without case or separators, and decodes them first", () => {
    for (const name of ["Api_Key", "api-key", "apiKey", "api%5Fkey", "ACCESS.TOKEN"])
      expect(isCredentialParameter(name)).toBe(true);
    for (const name of ["$filter", "top", "cursor", "$skiptoken", "keys", "tokens_used"])
      expect(isCredentialParameter(name)).toBe(false);
  });
});
