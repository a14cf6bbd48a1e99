/**
 * The resource path of an OData request (what comes after `/odata`), read by our own small
 * parser rather than the router: keys carry quotes, parentheses and slashes that only an
 * OData-aware reading splits correctly. Shapes Headgate serves become a `ResourcePath`; valid
 * OData it does not serve is a 501; anything else is a 404 that says what does exist.
 */
import { GatewayError } from "../errors/gateway-error.ts";

export type ResourcePath =
  | { readonly kind: "serviceDocument" }
  | { readonly kind: "metadata" }
  | { readonly kind: "collection"; readonly entitySet: string }
  | { readonly kind: "count"; readonly entitySet: string }
  /** `key` is the text between the parentheses, percent-decoded: `'23-104'`, `Job='1',Extra=''`. */
  | { readonly kind: "entity"; readonly entitySet: string; readonly key: string }
  /** `Jobs('1')/Name...`: a property, navigation or `$value` of one entity (not served). */
  | {
      readonly kind: "entityMember";
      readonly entitySet: string;
      readonly key: string;
      readonly segments: readonly string[];
    };

const SERVED_SHAPES =
  "The service serves: /odata (service document), /odata/$metadata, /odata/<EntitySet>, /odata/<EntitySet>/$count and /odata/<EntitySet>(<key>).";

/** Root-level OData resources Headgate knowingly does not serve. */
const UNSUPPORTED_ROOT: Readonly<Record<string, string>> = {
  $batch: "$batch requests are not supported: send each request on its own.",
  $entity:
    "entity-id requests (/$entity?$id=...) are not supported: address the entity as /<EntitySet>(<key>).",
  $all: "/$all is not supported: query each entity set on its own.",
  $crossjoin: "/$crossjoin(...) is not supported: query each entity set on its own and use $expand.",
};

/** Parses the raw path after `/odata` (e.g. `/Jobs('23-104')`), still percent-encoded. */
export function parseResourcePath(rawPath: string): ResourcePath {
  const path = decodePath(rawPath).replace(/^\/+/, "");
  if (path === "") return { kind: "serviceDocument" };
  if (path === "$metadata") return { kind: "metadata" };
  const nameEnd = firstOf(path, ["(", "/"]);
  const name = path.slice(0, nameEnd);
  const unsupported = UNSUPPORTED_ROOT[name];
  if (unsupported !== undefined) throw new GatewayError("NotImplemented", unsupported, name);
  if (name === "" || name.startsWith("$")) throw unknownResource(path);
  const rest = path.slice(nameEnd);
  if (rest.startsWith("(")) return withKey(name, rest);
  return afterCollection(name, rest);
}

function decodePath(rawPath: string): string {
  try {
    return decodeURIComponent(rawPath);
  } catch {
    throw new GatewayError(
      "InvalidRequest",
      "The URL path has a malformed percent-encoding (a '%' must be followed by two hex digits; write '%25' for a literal '%').",
    );
  }
}

function afterCollection(entitySet: string, rest: string): ResourcePath {
  const segments = rest.split("/").filter((s) => s !== "");
  if (segments.length === 0) return { kind: "collection", entitySet };
  if (segments.length === 1 && segments[0] === "$count") return { kind: "count", entitySet };
  const first = segments[0] ?? "";
  if (first === "$ref" || first === "$each" || first.startsWith("$filter(") || first.includes(".")) {
    throw new GatewayError(
      "NotImplemented",
      `'${entitySet}/${segments.join("/")}' is valid OData that Headgate does not serve (references, $each, path filters and type casts). ${SERVED_SHAPES}`,
      first,
    );
  }
  throw new GatewayError(
    "NotFound",
    `'${entitySet}/${segments.join("/")}' is not a resource of this service: after an entity set only (<key>) or /$count may follow, e.g. ${entitySet}('<key>') or ${entitySet}/$count. ${SERVED_SHAPES}`,
    segments.join("/"),
  );
}

function withKey(entitySet: string, rest: string): ResourcePath {
  const close = matchingParenthesis(rest);
  if (close < 0) {
    throw new GatewayError(
      "InvalidRequest",
      `The key of '${entitySet}' has no closing parenthesis: write ${entitySet}('<key>'), doubling any quote inside the key ('O''Neil').`,
      entitySet,
    );
  }
  const key = rest.slice(1, close);
  const after = rest.slice(close + 1);
  const segments = after.split("/").filter((s) => s !== "");
  if (after !== "" && !after.startsWith("/")) throw unknownResource(`${entitySet}${rest}`);
  if (segments.length === 0) return { kind: "entity", entitySet, key };
  return { kind: "entityMember", entitySet, key, segments };
}

/** Offset of the `)` closing the `(` at offset 0, skipping quoted strings; -1 if none. */
function matchingParenthesis(text: string): number {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === "'" && text[i + 1] === "'") i++;
      else if (char === "'") quoted = false;
    } else if (char === "'") quoted = true;
    else if (char === "(") depth++;
    else if (char === ")" && --depth === 0) return i;
  }
  return -1;
}

function firstOf(text: string, chars: readonly string[]): number {
  const found = chars.map((c) => text.indexOf(c)).filter((i) => i >= 0);
  return found.length === 0 ? text.length : Math.min(...found);
}

function unknownResource(path: string): GatewayError {
  return new GatewayError(
    "NotFound",
    `'/odata/${path}' is not a resource of this service. ${SERVED_SHAPES}`,
    path,
  );
}
