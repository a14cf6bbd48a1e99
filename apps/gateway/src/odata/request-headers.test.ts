import { MAX_COUNT } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { bearerFromODataAuthorization } from "./odata-authentication.ts";
import { pageSizeApplied, preferredPageSize } from "./prefer-header.ts";
import { responseVersion } from "./protocol-version.ts";

const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`;

describe("Prefer: maxpagesize", () => {
  it("reads the 4.01 and the 4.0 name among other preferences, and echoes the name used", () => {
    expect(preferredPageSize("maxpagesize=50")).toEqual({ name: "maxpagesize", size: 50 });
    expect(preferredPageSize("return=minimal, odata.maxpagesize=7")).toEqual({
      name: "odata.maxpagesize",
      size: 7,
    });
    expect(preferredPageSize(["odata.track-changes", 'MaxPageSize = "12"'])).toEqual({
      name: "maxpagesize",
      size: 12,
    });
    expect(pageSizeApplied({ name: "odata.maxpagesize", size: 7 }, 5)).toBe("odata.maxpagesize=5");
  });

  it("ignores preferences it cannot honour instead of refusing the request", () => {
    for (const header of [
      undefined,
      "",
      "maxpagesize=0",
      "maxpagesize=-3",
      "maxpagesize=ten",
      "maxpagesize=1e400",
      "maxpagesize=1.5",
      "maxpagesize=0x10",
      `maxpagesize=${2 ** 53}`,
      "respond-async",
    ]) {
      expect(preferredPageSize(header), String(header)).toBeUndefined();
    }
  });

  it("reads a size by the rule $top follows: digits, up to the largest integer held exactly", () => {
    expect(preferredPageSize(`maxpagesize=${MAX_COUNT}`)).toEqual({ name: "maxpagesize", size: MAX_COUNT });
    expect(preferredPageSize("maxpagesize=0050")).toEqual({ name: "maxpagesize", size: 50 });
  });
});

describe("OData-MaxVersion", () => {
  it("answers 4.0 unless the client reads 4.01", () => {
    expect(responseVersion(undefined)).toBe("4.0");
    expect(responseVersion("4.0")).toBe("4.0");
    expect(responseVersion("4.01")).toBe("4.01");
    expect(responseVersion("5.0")).toBe("4.01");
  });

  it("refuses clients that cap the version below 4.0, and nonsense", () => {
    expect(() => responseVersion("3.0")).toThrow(/OData 4.0 and 4.01 only/);
    expect(() => responseVersion("four")).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe("OData credentials", () => {
  it("passes Bearer through and reads the API key from Basic (password, else user name)", () => {
    expect(bearerFromODataAuthorization("Bearer hg_x")).toBe("Bearer hg_x");
    expect(bearerFromODataAuthorization(basic("excel:hg_key"))).toBe("Bearer hg_key");
    expect(bearerFromODataAuthorization(basic("hg_key:"))).toBe("Bearer hg_key");
    expect(bearerFromODataAuthorization(basic(":hg_a:b"))).toBe("Bearer hg_a:b");
    expect(bearerFromODataAuthorization(undefined)).toBeUndefined();
  });

  it("refuses other schemes and empty Basic credentials with 401", () => {
    expect(() => bearerFromODataAuthorization("Digest username=x")).toThrow(/Basic/);
    expect(() => bearerFromODataAuthorization(basic(":"))).toThrow(expect.objectContaining({ status: 401 }));
  });
});
