import { EngineError } from "@headgate/engine";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { watchClientDisconnect } from "./client-disconnect.ts";

let app: FastifyInstance;
let url: string;
/** A promise and its resolver (Node 20 has no Promise.withResolvers). */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const started = deferred<void>();
const aborted = deferred<unknown>();
const completed = deferred<boolean>();

beforeAll(async () => {
  app = Fastify();
  app.get("/slow", async (_request, reply) => {
    const watch = watchClientDisconnect(reply);
    watch.signal.addEventListener("abort", () => aborted.resolve(watch.signal.reason));
    started.resolve();
    await aborted.promise;
    return "never read";
  });
  app.get("/quick", async (_request, reply) => {
    const watch = watchClientDisconnect(reply);
    reply.raw.on("close", () => completed.resolve(watch.signal.aborted));
    return "done";
  });
  url = await app.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(() => app.close());

describe("client disconnect", () => {
  it("aborts the work of a request whose client went away", async () => {
    const client = new AbortController();
    const answer = fetch(`${url}/slow`, { signal: client.signal }).catch(() => undefined);
    await started.promise;
    client.abort();
    await answer;
    const reason = await aborted.promise;
    expect(reason).toBeInstanceOf(EngineError);
    expect(reason).toMatchObject({ code: "QueryCancelled" });
  });

  it("does not fire when the answer was sent in full", async () => {
    expect(await (await fetch(`${url}/quick`)).text()).toBe("done");
    expect(await completed.promise).toBe(false);
  });
});
