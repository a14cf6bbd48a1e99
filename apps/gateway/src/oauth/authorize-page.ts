/**
 * The sign-in page of Headgate's authorization server: the person authorizes an MCP client
 * (ChatGPT, Claude...) by pasting a workspace API key with the `query` scope. The client then
 * acts as that key on /mcp, and revoking the key ends its access. The page never echoes a key.
 */
import { escapeHtml } from "../server/escape-html.ts";
import type { AuthorizationRequest } from "./authorization-request.ts";

/** Makes a key with the `query` scope only (the default), which is all /mcp needs. */
export const KEY_COMMAND = "headgate admin keys create mcp-client";

/** The request's own parameters travel back with the form (posted to the same path, so a path prefix in front of the gateway keeps working). */
const CARRIED = [
  "response_type",
  "client_id",
  "redirect_uri",
  "code_challenge",
  "code_challenge_method",
  "state",
  "scope",
  "resource",
] as const;

export function authorizePage(
  request: AuthorizationRequest,
  params: Readonly<Record<string, string | undefined>>,
  problem?: string,
): string {
  const hidden = CARRIED.filter((name) => params[name] !== undefined)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params[name] ?? "")}">`)
    .join("\n");
  const host = new URL(request.redirectUri).host;
  return page(
    "Connect to Headgate",
    `<p><strong>${escapeHtml(request.client.name)}</strong> (returning to ${escapeHtml(host)}) asks to read
this gateway's data on your behalf, with the permissions of a workspace API key.</p>
${problem === undefined ? "" : `<p role="alert"><strong>${escapeHtml(problem)}</strong></p>`}
<form method="post" action="authorize">
${hidden}
<label>Workspace API key (query scope)<br><input type="password" name="api_key" autocomplete="off" required size="60"></label>
<p><button type="submit">Allow read access</button></p>
</form>
<p>Ask an admin for a key: <code>${escapeHtml(KEY_COMMAND)}</code> makes one (add <code>--workspace &lt;name&gt;</code> for a workspace other than the default). Revoking the key ends this access.</p>`,
  );
}

export function refusalPage(description: string): string {
  return page("Cannot connect", `<p>${escapeHtml(description)}</p><p>Start again from your MCP client.</p>`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem">
<h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}
