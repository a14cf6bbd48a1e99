/**
 * The direct lane's own behaviour beyond answering as the SDK does (which the gateway's
 * differential tests pin): a caller that hangs up stops the upstream scan.
 */
import { randomBytes } from "node:crypto";
import { Catalog, Engine } from "@headgate/engine";
import { describe, expect, it, vi } from "vitest";
import { heldConnector } from "../testing/held-connector.ts";
import { answerToolCallDirectly } from "./answer-tool-call.ts";

const HEADERS: Record<string, string> = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
  "mcp-protocol-version": "2025-11-25",
};
const BODY = {
  jsonrpc: "2.0",
  id: 1,
  method: "tools/call",
  params: { name: "query_entity_set", arguments: { entity_set: "Jobs", top: 5 } },
};

describe("a tool call in the direct lane", () => {
  it("stops the connector's scan when its caller hangs up", async () => {
    const { connector, state } = heldConnector();
    const engine = new Engine({
      catalog: await Catalog.build([{ name: "jobs", connector }]),
      skipTokenSecret: randomBytes(32),
    });
    const hangUp = new AbortController();
    const answer = answerToolCallDirectly(
      { engine: async () => engine },
      { httpMethod: "POST", header: (name) => HEADERS[name], body: BODY },
      hangUp.signal,
    );
    await vi.waitFor(() => expect(state.started).toBe(1));
    hangUp.abort(new Error("the client went away"));
    await vi.waitFor(() => expect(state.aborted).toBe(1));
    // The answer nobody reads is a tool error, not a crash.
    expect((await answer)?.body).toContain('"isError":true');
    state.release();
  });

  it("answers once the scan completes", async () => {
    const { connector, state } = heldConnector();
    const engine = new Engine({
      catalog: await Catalog.build([{ name: "jobs", connector }]),
      skipTokenSecret: randomBytes(32),
    });
    const answer = answerToolCallDirectly(
      { engine: async () => engine },
      { httpMethod: "POST", header: (name) => HEADERS[name], body: BODY },
      new AbortController().signal,
    );
    await vi.waitFor(() => expect(state.started).toBe(1));
    state.release();
    const body = (await answer)?.body ?? "";
    const message = JSON.parse(/^data: (.*)$/m.exec(body)?.[1] ?? "null");
    expect(message.result.structuredContent.rows).toHaveLength(5);
    expect(state.aborted).toBe(0);
  });
});
