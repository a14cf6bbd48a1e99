/**
 * The client of `measurePairedCalls`, run as a process of its own (so its CPU is not charged to
 * the server). One keep-alive socket per target; each round sends every target's request once,
 * back to back, in a rotating order, and times each call from the first byte written to the
 * last byte of the answer. Prints the times as JSON: one array of microseconds per target.
 *
 * It reads answers by Content-Length only: every door measured here answers with one.
 */
import { connect, type Socket } from "node:net";

export interface PairedCallPlan {
  readonly host: string;
  readonly port: number;
  /** Each target's whole HTTP/1.1 request, as latin1 text. */
  readonly requests: readonly string[];
  readonly rounds: number;
  readonly warmUpRounds: number;
}

const HEAD_END = Buffer.from("\r\n\r\n");

function open(host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port, noDelay: true }, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Sends one request and resolves once the whole answer (a 200 with a Content-Length) is in. */
function call(socket: Socket, request: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let received: Buffer = Buffer.alloc(0);
    let expected = -1;
    const finish = (error?: Error) => {
      socket.off("data", onData);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
      if (expected < 0) {
        const headEnd = received.indexOf(HEAD_END);
        if (headEnd < 0) return;
        const head = received.subarray(0, headEnd).toString("latin1");
        const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
        if (!head.startsWith("HTTP/1.1 200") || length === undefined)
          return finish(new Error(`expected a 200 with a Content-Length, got: ${head.split("\r\n")[0]}`));
        expected = headEnd + HEAD_END.length + Number(length);
      }
      if (received.length >= expected) finish();
    };
    socket.on("data", onData);
    socket.write(request);
  });
}

async function run(plan: PairedCallPlan): Promise<number[][]> {
  const requests = plan.requests.map((text) => Buffer.from(text, "latin1"));
  const sockets = await Promise.all(requests.map(() => open(plan.host, plan.port)));
  const times = requests.map((): number[] => []);
  for (let round = 0; round < plan.warmUpRounds + plan.rounds; round++) {
    for (let k = 0; k < requests.length; k++) {
      const target = (round + k) % requests.length;
      const started = process.hrtime.bigint();
      await call(sockets[target]!, requests[target]!);
      if (round >= plan.warmUpRounds) times[target]!.push(Number(process.hrtime.bigint() - started) / 1000);
    }
  }
  for (const socket of sockets) socket.destroy();
  return times;
}

const plan = JSON.parse(process.argv[2] ?? "null") as PairedCallPlan | null;
if (plan === null) throw new Error("usage: paired-call-client '<PairedCallPlan as JSON>'");
process.stdout.write(JSON.stringify(await run(plan)));
