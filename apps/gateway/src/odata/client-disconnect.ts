/**
 * An AbortSignal that fires when the client goes away before its answer is sent, so the engine
 * stops upstream work nobody will read. It watches the response, not the request: a request
 * stream closes as soon as its (empty) body is read, long before the answer is due.
 */
import { EngineError } from "@headgate/engine";
import type { FastifyReply } from "fastify";

export interface DisconnectWatch {
  readonly signal: AbortSignal;
  /** Stops watching; call it once the answer is produced. */
  dispose(): void;
}

export function watchClientDisconnect(reply: FastifyReply): DisconnectWatch {
  const controller = new AbortController();
  const response = reply.raw;
  const onClose = () => {
    if (!response.writableFinished) {
      controller.abort(
        new EngineError("QueryCancelled", "the client closed the connection before the answer"),
      );
    }
  };
  response.on("close", onClose);
  return { signal: controller.signal, dispose: () => response.off("close", onClose) };
}
