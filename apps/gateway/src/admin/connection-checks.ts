/**
 * The checks a connection passes before it is written: settings that keep secrets out of the
 * clear-text settings, settings the connector accepts, and (unless the admin opts out) an
 * upstream that answers and exposes something. A failed check writes nothing and says how to
 * proceed; a passed one says what the connection exposes, what it leaves out and why.
 */
import type { ConnectorWarning, LeftOutItem } from "@headgate/connector-kit";
import { type ErrorDetail, ODataError } from "@headgate/odata";
import type { ConnectionDefinition } from "../connections/open-connection.ts";
import { openConnection } from "../connections/open-connection.ts";
import {
  isUpstreamRefusal,
  nothingExposed,
  type ProbeResult,
  probeConnection,
} from "../connections/test-connection.ts";
import { GatewayError } from "../errors/gateway-error.ts";

/** What a tested save found, for the admin answer: nothing is left out silently. */
export interface ConnectionCheck {
  /** The entity sets the connection exposes. */
  readonly entitySets: readonly string[];
  readonly leftOut: readonly LeftOutItem[];
  readonly warnings: readonly ConnectorWarning[];
}

export function connectionCheck(probe: ProbeResult): ConnectionCheck {
  return {
    entitySets: probe.entitySets.map((s) => s.name),
    leftOut: probe.leftOut,
    warnings: probe.warnings,
  };
}

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
 * upstream and describes it. Throws the 4xx/501 of bad settings or kinds as they are; an
 * upstream that refuses the settings (400) or cannot be reached (`ConnectionUnavailable`), and a
 * connection that would expose nothing (400 `NothingExposed`, each thing left out a detail),
 * with the way to save the connection untested. Answers what it found when it tested.
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
  let probe: ProbeResult;
  try {
    probe = await probeConnection(definition, secrets, options);
  } catch (error) {
    if (!isUpstreamRefusal(error)) throw error;
    throw new GatewayError(error.code, `${error.message} ${UNTESTED_HINT}`, error.target);
  }
  const empty = nothingExposed(definition.name, probe.entitySets, probe);
  if (empty !== undefined)
    throw new ODataError({
      code: empty.code,
      status: 400,
      message: `${upperFirst(empty.message)}. ${UNTESTED_HINT}`,
      target: "settings",
      details: probe.leftOut.map(leftOutDetail),
    });
  return probe;
}

function leftOutDetail(item: LeftOutItem): ErrorDetail {
  return {
    code: item.reason,
    message: `${item.message} ${item.fix.message}`,
    target: item.setting === undefined ? item.name : `settings.${item.setting}`,
  };
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
