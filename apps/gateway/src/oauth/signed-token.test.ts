import { describe, expect, it } from "vitest";
import { tokenSigner } from "./signed-token.ts";

const SECRET = Buffer.alloc(32, 7);

describe("signed tokens", () => {
  it("give back their payload while unexpired", () => {
    const signer = tokenSigner(SECRET);
    expect(signer.verify("access", signer.sign("access", { w: "ws", k: "key" }, 60))).toMatchObject({
      w: "ws",
      k: "key",
    });
  });

  it("are refused once expired", () => {
    let now = 1_000_000;
    const signer = tokenSigner(SECRET, () => now);
    const token = signer.sign("code", { w: "ws" }, 300);
    now += 301_000;
    expect(signer.verify("code", token)).toBeUndefined();
  });

  it("are refused when altered, signed with another secret, or shown as another kind", () => {
    const signer = tokenSigner(SECRET);
    const token = signer.sign("refresh", { w: "ws", k: "key" }, 60);
    const [body = "", signature = ""] = token.split(".");
    const forged = `${body.slice(0, -2)}${body.endsWith("A") ? "B" : "A"}x.${signature}`;
    expect(signer.verify("refresh", forged)).toBeUndefined();
    expect(tokenSigner(Buffer.alloc(32, 8)).verify("refresh", token)).toBeUndefined();
    expect(signer.verify("access", token)).toBeUndefined();
    expect(signer.verify("access", `hgo_at_${token.slice("hgo_rt_".length)}`)).toBeUndefined();
    expect(signer.verify("refresh", "hgo_rt_garbage")).toBeUndefined();
  });
});
