/**
 * Graph's error model: every failure is `{error:{code,message,innerError}}` with an HTTP status.
 * Handlers throw these; the request handler renders them.
 */
export class GraphError extends Error {
  override readonly name = "GraphError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** A finer code Graph puts inside `innerError` (e.g. `throttledRequest`). */
    readonly innerCode?: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

export function itemNotFound(message: string): GraphError {
  return new GraphError(404, "itemNotFound", message);
}

export function invalidRequest(message: string): GraphError {
  return new GraphError(400, "invalidRequest", message);
}

/** OData-level rejections (unknown segment, unknown property) use the generic `BadRequest` code. */
export function badRequest(message: string): GraphError {
  return new GraphError(400, "BadRequest", message);
}

export function segmentNotFound(segment: string): GraphError {
  return badRequest(`Resource not found for the segment '${segment}'.`);
}

export function unknownProperty(property: string, type: string): GraphError {
  return badRequest(`Could not find a property named '${property}' on type 'microsoft.graph.${type}'.`);
}

/** Graph's own client id, named in `WWW-Authenticate` on 401s. */
const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";

export function invalidToken(message: string): GraphError {
  return new GraphError(401, "InvalidAuthenticationToken", message, undefined, {
    "WWW-Authenticate": `Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="${GRAPH_APP_ID}"`,
  });
}
