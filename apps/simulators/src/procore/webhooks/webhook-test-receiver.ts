/**
 * Test support: a real HTTP endpoint that receives webhook deliveries, keeps what arrived, and
 * can be told to fail (with a status) or to never answer, the next few times.
 */
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedDelivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedDelivery[];
  /** The next `times` deliveries get `status` (default 500). */
  failNext(times: number, status?: number): void;
  /** The next `times` deliveries get no answer at all. */
  hangNext(times: number): void;
  /** Answers 200 again from now on. */
  recover(): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = [];
  const plan: ("fail" | "hang")[] = [];
  let failStatus = 500;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const step = plan.shift();
      if (step === "hang") return;
      received.push({ headers: request.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
      response.writeHead(step === "fail" ? failStatus : 200, { "content-type": "text/plain" });
      response.end(step === "fail" ? "receiver failing" : "ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/procore`,
    received,
    failNext(times, status = 500) {
      failStatus = status;
      for (let i = 0; i < times; i++) plan.push("fail");
    },
    hangNext(times) {
      for (let i = 0; i < times; i++) plan.push("hang");
    },
    recover() {
      plan.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
