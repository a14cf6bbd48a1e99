/**
 * The checks a connection passes before it is written: settings that keep secrets out of the
 * clear-text settings, settings the connector accepts, and (unless the admin opts out) an
 * upstream that answers. A failed check writes nothing and says how to proceed.
 */
import type { ConnectionDefinition } from "../connections/open-connection.ts";
import { openConnection } from "../connections/open-connection.ts";
import { type ProbeResult, probeConnection } from "../connections/test-connection.ts";
import { GatewayError } from "../errors/gateway-error.ts";

const UNTESTED_HINT =
  'Nothing was saved. Fix the settings or secrets, or save the connection untested ("test": false in the admin API, --no-test on the command line).';

/** A password inside `settings.url` would be stored and shown in clear; it belongs in the secrets. */
export function assertNoPasswordInSettings(settings: Readonly<Record<string, unknown>>): void {
  const url = settings.url;
  if (typeof url !== "string") return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return; // the connector's own validation names the malformed URL
  }
  if (parsed.password !== "")
    throw new GatewayError(
      "InvalidRequest",
      "settings.url contains a password, and settings are stored and shown in clear: put the whole URL in the secret 'url', or the password alone in the secret 'password'. Nothing was saved.",
      "settings.url",
    );
}

/**
 * Validates the definition by opening it (kinds and settings), and with `test` also reaches the
 * upstream and describes it. Throws the 4xx/501 of bad settings or kinds as they are, and an
 * upstream failure as a `ConnectionUnavailable` carrying the reason and the way to save the
 * connection untested. Answers the described entity sets when it tested.
 */
export async function verifyConnection(
  definition: ConnectionDefinition,
  secrets: Readonly<Record<string, string>>,
  options: { readonly baseDir: string; readonly test: boolean },
): Promise<ProbeResult | undefined> {
  if (!options.test) {
    const opened = await openConnection(definition, secrets, options);
    await opened.close().catch(() => {});
    return undefined;
  }
  try {
    return await probeConnection(definition, secrets, options);
  } catch (error) {
    if (!(error instanceof GatewayError) || error.code !== "ConnectionUnavailable") throw error;
    throw new GatewayError("ConnectionUnavailable", `${error.message} ${UNTESTED_HINT}`, error.target);
  }
}
