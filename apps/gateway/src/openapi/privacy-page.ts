/**
 * `GET /privacy`: the privacy policy a ChatGPT Action needs a URL for (GPTs with Actions cannot
 * be shared without one). It says plainly what this gateway keeps and what it does not, as the
 * code does it: audit entries describe queries, never the rows they returned.
 */
import type { FastifyInstance } from "fastify";
import { escapeHtml } from "../server/escape-html.ts";
import type { GatewayContext } from "../server/gateway-context.ts";

export function registerPrivacyPage(app: FastifyInstance, context: GatewayContext): void {
  const page = privacyHtml(context.publicUrl);
  app.get("/privacy", { schema: { hide: true } }, async (_request, reply) =>
    reply.header("content-type", "text/html; charset=utf-8").send(page),
  );
}

function privacyHtml(publicUrl: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Headgate privacy policy</title>
<style>body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style>
</head>
<body>
<h1>Privacy policy</h1>
<p>This Headgate gateway (${escapeHtml(publicUrl)}) is run by the organization that owns the data
behind it. It gives assistants such as ChatGPT read-only access to that organization's business
systems (for example job costing, project management and document stores), for people who hold an
API key the organization issued.</p>

<h2>What the gateway does with your requests</h2>
<ul>
<li>Each request is answered by reading from the organization's systems at that moment. The rows
it returns go to the caller (for a ChatGPT Action: to ChatGPT) and are not stored by the gateway.</li>
<li>The gateway never writes to those systems.</li>
</ul>

<h2>What the gateway stores</h2>
<ul>
<li><strong>An audit entry per query</strong>: when it ran, which workspace and API key asked,
through which door (OData feed, ChatGPT Action, MCP over HTTP or on the command line, or an
administrator's connection test), which entity set, the query text
(filters included, so values you searched for appear there), what ran in the source system and what
ran in the gateway, the number of upstream calls, rows and bytes returned, the duration, and whether
it succeeded or its error code. <strong>No row contents are stored.</strong></li>
<li><strong>Configuration</strong>: workspaces, connections to the source systems (their
credentials encrypted at rest) and API keys (stored only as hashes).</li>
<li><strong>Server logs</strong>: like any web server, the gateway may log each request's time,
path and query text, status and request id. The Authorization header (your API key) is never logged.</li>
</ul>
<p>Audit entries are kept for as long as the organization's administrators keep them; they can
read them through the gateway's admin API. The gateway sends nothing to third parties and uses no
cookies or trackers.</p>

<h2>ChatGPT</h2>
<p>When you use this gateway through a ChatGPT Action, what ChatGPT sends to the gateway and does
with the answers is governed by OpenAI's own privacy policy and your organization's agreement with
OpenAI.</p>

<h2>Questions and requests</h2>
<p>Contact the administrators of your organization who issued your API key: they operate this
gateway and its audit log.</p>
</body>
</html>
`;
}
