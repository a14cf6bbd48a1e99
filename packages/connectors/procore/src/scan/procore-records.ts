/** The records of a Procore list answer: a bare JSON array, or `{ data: [...] }` on some endpoints. */
import { UpstreamError } from "@headgate/connector-kit";

export function asRecords(body: unknown): Record<string, unknown>[] {
  const list = Array.isArray(body)
    ? body
    : typeof body === "object" && body !== null && Array.isArray((body as { data?: unknown }).data)
      ? (body as { data: unknown[] }).data
      : undefined;
  if (!list)
    throw new UpstreamError("body", "Procore answered a list request with something that is not a list.");
  return list.filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null);
}
