/** The help text of `headgate admin`. */
export const ADMIN_USAGE = `Usage: headgate admin <command> [options]

Connections
  connections list                      the workspace's connections (secret values are never shown)
  connections show <name|id>
  connections add --name <name> --kind <sql|sage300|memory> [--setting key=value]...
                  [--secret key=value]... [--secret-env key=ENV_VAR]... [--no-test]
                                        tests the connection first and saves nothing if it fails;
                                        --no-test saves it untested
  connections update <name|id> [--name <new>] [--kind <kind>] [--setting key=value]...
                  [--unset-setting key]... [--secret key=value]... [--secret-env key=ENV_VAR]...
                  [--remove-secret key]... [--no-test]
  connections remove <name|id>
  connections test <name|id>            open it and read one row of every entity set
  connections entity-sets <name|id>     the entity sets it exposes

API keys
  keys list
  keys create <name> [--scope admin|operator]
                                        prints the key once; --scope admin also administers the
                                        workspace, --scope operator also the store's workspaces
  keys revoke <id|name>                 the key stops working at once

Audit log
  audit [--limit N] [--before <cursor>] [--door <door>]
                                        the newest queries answered, newest first; --door keeps
                                        one door's: odata, action, mcp-http, mcp-stdio, admin

Workspaces
  workspaces list                       with what manages each (a configuration), if anything
  workspaces create <name>
  workspaces remove <name|id>           with its connections, keys and audit log; not one a
                                        configuration manages

Options
  --workspace <name>   the workspace to act on (default: HEADGATE_WORKSPACE, else 'default')
  --config <file>      headgate.yaml (default HEADGATE_CONFIG): its workspaces' connections are
                       managed by the file and cannot be changed here
  --json               print the same records as the admin API, as JSON
  --help               this text

Setting values that read as JSON are JSON (port=5432); others are text. Prefer --secret-env
to --secret: the value then stays out of your shell history.
The store: DATABASE_URL (Postgres) or HEADGATE_DATA_DIR (embedded, default .headgate), with
HEADGATE_SECRET_KEY.

Examples
  headgate admin connections add --name sage --kind sage300 \\
      --setting dialect=postgres --setting host=db.internal --setting database=sage \\
      --setting user=headgate_ro --secret-env password=SAGE_PASSWORD
  headgate admin connections test sage
  headgate admin keys create chatgpt`;
