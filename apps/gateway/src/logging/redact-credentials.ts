/**
 * Credentials a client puts in a URL: `?api_key=`, `?access_token=`, an OAuth `code` or
 * `client_secret`, a signature. The gateway never accepts a key there, but a client that tries
 * still sends it, and the request URL is logged: every logged text passes through here, so the
 * value is replaced and the parameter's name (what an operator needs to see) is kept.
 */

export const REDACTED = "[redacted]";

/**
 * Parameter names that carry a credential, compared without case and without `_`, `-`, `.`
 * and `$` (`API_KEY`, `api-key`, `apiKey` are one name).
 */
const CREDENTIAL_PARAMETERS = new Set([
  "apikey",
  "key",
  "apitoken",
  "token",
  "accesstoken",
  "authtoken",
  "idtoken",
  "refreshtoken",
  "bearer",
  "jwt",
  "authorization",
  "auth",
  "clientsecret",
  "secret",
  "password",
  "passwd",
  "pwd",
  "code",
  "codeverifier",
  "sig",
  "signature",
  "xamzsignature",
  "xamzsecuritytoken",
  "xgoogsignature",
  "session",
  "sessionid",
  "sessiontoken",
  "privatekey",
  "credential",
  "credentials",
]);

/** Headers that carry a credential; pino removes them wherever a `headers` object is logged. */
export const CREDENTIAL_HEADERS = [
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "x-auth-token",
  "x-access-token",
] as const;

// A query parameter anywhere in a text: after `?`, `&` or `;`, up to the next separator. In
// free text a value also ends at whitespace or a double quote (a URL quoted in a message); a
// request URL has neither, so there a value runs to the next separator.
const PARAMETER_IN_TEXT = /([?&;])([^=&;#?\s"]+)=([^&;#\s"]*)/g;
const PARAMETER_IN_URL = /([?&;])([^=&;#?]+)=([^&;#]*)/g;

/** `text` (a log message, an error's message or stack) with credential values replaced. */
export function redactCredentials(text: string): string {
  return redact(text, PARAMETER_IN_TEXT);
}

/** A request URL with credential values replaced; everything else stays as sent. */
export function redactUrl(url: string): string {
  return url.includes("?") ? redact(url, PARAMETER_IN_URL) : url;
}

function redact(text: string, pattern: RegExp): string {
  if (!text.includes("=")) return text;
  return text.replace(pattern, (whole, separator: string, name: string) =>
    isCredentialParameter(name) ? `${separator}${name}=${REDACTED}` : whole,
  );
}

export function isCredentialParameter(name: string): boolean {
  return CREDENTIAL_PARAMETERS.has(normalize(decodeName(name)));
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll("+", " "));
  } catch {
    return name;
  }
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[\s_.$-]/g, "");
}
