/**
 * Reading a procore connection's settings: the spike window of its shared request budget.
 */
import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.ts";
import { readProcoreSettings } from "./procore-settings.ts";

const BASE = { baseUrl: "https://api.procore.com", companyId: 42, clientId: "app" };
const SECRETS = { clientSecret: "s3cret" };

describe("readProcoreSettings", () => {
  it("reads rateLimit as the connector's spike window, in ms", () => {
    const options = readProcoreSettings(
      { ...BASE, rateLimit: { spikeLimit: 20, spikeWindowSeconds: 15 } },
      SECRETS,
      undefined,
    );
    expect(options.rateLimit).toEqual({ spikeLimit: 20, spikeWindowMs: 15_000 });
    expect(
      readProcoreSettings({ ...BASE, rateLimit: { spikeLimit: 10 } }, SECRETS, undefined).rateLimit,
    ).toEqual({
      spikeLimit: 10,
    });
    expect(readProcoreSettings(BASE, SECRETS, undefined).rateLimit).toBeUndefined();
  });

  it("refuses a rateLimit that is not an object, or values out of range, naming the setting", () => {
    const refusal = (rateLimit: unknown) => {
      try {
        readProcoreSettings({ ...BASE, rateLimit }, SECRETS, undefined);
      } catch (error) {
        expect(error).toBeInstanceOf(GatewayError);
        return error as GatewayError;
      }
      throw new Error("accepted");
    };
    expect(refusal(25).message).toMatch(/settings.rateLimit must be an object/);
    expect(refusal({ spikeLimit: 0 })).toMatchObject({ target: "settings.rateLimit.spikeLimit" });
    expect(refusal({ spikeLimit: 0 }).message).toMatch(/whole number from 1 to 100000; found 0/);
    expect(refusal({ spikeWindowSeconds: 2.5 })).toMatchObject({
      target: "settings.rateLimit.spikeWindowSeconds",
    });
  });
});
