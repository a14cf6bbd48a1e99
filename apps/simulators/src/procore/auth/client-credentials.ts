/** The app's client id and secret on a token request: in the form body or as HTTP Basic auth. */
import type { FastifyRequest } from "fastify";

export interface ClientCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export type FormBody = Readonly<Record<string, string | undefined>>;

export function formBody(request: FastifyRequest): FormBody {
  const body = request.body;
  if (typeof body !== "object" || body === null) return {};
  return Object.fromEntries(
    Object.entries(body as Record<string, unknown>).flatMap(([key, value]) =>
      typeof value === "string" ? [[key, value]] : [],
    ),
  );
}

export function presentedClient(request: FastifyRequest, body: FormBody): ClientCredentials | null {
  const basic = /^Basic\s+(.+)$/i.exec(request.headers.authorization ?? "");
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return null;
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon)),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
    };
  }
  if (body.client_id === undefined || body.client_secret === undefined) return null;
  return { clientId: body.client_id, clientSecret: body.client_secret };
}
