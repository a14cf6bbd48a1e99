/**
 * OData protocol versions: every response says which one it follows (`OData-Version`), and a
 * client that caps the version below 4.0 (`OData-MaxVersion: 3.0`) gets an error instead of a
 * payload it cannot read. Responses are valid 4.0 and 4.01; we say 4.01 only to clients that
 * announce they read it, because some 4.0 clients pick their reader from this header. $metadata
 * always says 4.0, the version its document states (see CSDL_VERSION in @headgate/model).
 */
import { GatewayError } from "../errors/gateway-error.ts";

export type ProtocolVersion = "4.0" | "4.01";

/** The version to answer with, given the request's `OData-MaxVersion` header. */
export function responseVersion(maxVersion: string | string[] | undefined): ProtocolVersion {
  const text = Array.isArray(maxVersion) ? maxVersion[0] : maxVersion;
  if (text === undefined || text.trim() === "") return "4.0";
  const match = /^\s*(\d+)\.(\d+)\s*$/.exec(text);
  if (!match) {
    throw new GatewayError(
      "InvalidRequest",
      `OData-MaxVersion '${text}' is not a version number; send e.g. 'OData-MaxVersion: 4.0'.`,
      "OData-MaxVersion",
    );
  }
  const major = Number(match[1]);
  const minor = Number(match[2]);
  if (major < 4) {
    throw new GatewayError(
      "InvalidRequest",
      `This service speaks OData 4.0 and 4.01 only, but the request allows at most OData ${text.trim()}; send 'OData-MaxVersion: 4.0' or later.`,
      "OData-MaxVersion",
    );
  }
  return major > 4 || minor >= 1 ? "4.01" : "4.0";
}
