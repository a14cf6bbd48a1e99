/**
 * The OAuth app the simulator knows. Connectors and the standalone runner read the same
 * `PROCORE_CLIENT_ID` / `PROCORE_CLIENT_SECRET` a real deployment would, with demo defaults.
 */
export interface ProcoreCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
}

export const DEFAULT_PROCORE_CREDENTIALS: ProcoreCredentials = {
  clientId: "headgate-demo-procore-client",
  clientSecret: "headgate-demo-procore-secret",
};

export function readProcoreCredentials(
  env: Readonly<Record<string, string | undefined>> = process.env,
): ProcoreCredentials {
  return {
    clientId: env.PROCORE_CLIENT_ID || DEFAULT_PROCORE_CREDENTIALS.clientId,
    clientSecret: env.PROCORE_CLIENT_SECRET || DEFAULT_PROCORE_CREDENTIALS.clientSecret,
  };
}
