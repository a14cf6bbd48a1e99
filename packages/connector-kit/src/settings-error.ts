/**
 * An upstream that refuses what a connection's settings say: no such database, credentials
 * refused, a host name that does not resolve. Trying again does not help; changing the settings
 * does. A query client still sees an `UpstreamError` (502: the gateway's configuration is at
 * fault, not the query); the admin who tests or saves the connection gets a 400 naming the
 * setting.
 */
import { ODataError } from "@headgate/odata";

export class ConnectionSettingsError extends ODataError {
  /** The settings (or secrets) that may name what was refused, most likely first: `database`, `url`. */
  readonly settings: readonly string[];

  constructor(init: { message: string; settings: readonly string[]; target?: string }) {
    super({
      code: "UpstreamError",
      status: 502,
      message: init.message,
      ...(init.target === undefined ? {} : { target: init.target }),
    });
    this.settings = init.settings;
  }
}
