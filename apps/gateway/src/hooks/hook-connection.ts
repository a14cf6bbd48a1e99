/**
 * Finds the connection a webhook URL names by its store id alone (the URL carries no workspace,
 * so that it reveals nothing but an opaque id), and remembers which workspace each id belongs to:
 * ids are random and never move between workspaces, so a delivery after the first costs one read.
 */
import { type Connection, type Store, StoreError } from "@headgate/store";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REMEMBERED = 10_000;

export class HookConnections {
  readonly #store: Store;
  readonly #workspaceOf = new Map<string, string>();

  constructor(store: Store) {
    this.#store = store;
  }

  /** The connection with this id, in whichever workspace; undefined when there is none. */
  async find(connectionId: string): Promise<Connection | undefined> {
    if (!UUID.test(connectionId)) return undefined;
    const known = this.#workspaceOf.get(connectionId);
    if (known !== undefined) {
      const found = await this.#get(known, connectionId);
      if (found !== undefined) return found;
      this.#workspaceOf.delete(connectionId);
    }
    for (const workspace of await this.#store.workspaces.list()) {
      if (workspace.id === known) continue;
      const found = await this.#get(workspace.id, connectionId);
      if (found === undefined) continue;
      if (this.#workspaceOf.size >= REMEMBERED) this.#workspaceOf.clear();
      this.#workspaceOf.set(connectionId, workspace.id);
      return found;
    }
    return undefined;
  }

  async #get(workspaceId: string, connectionId: string): Promise<Connection | undefined> {
    try {
      return await this.#store.connections.get(workspaceId, connectionId);
    } catch (error) {
      if (error instanceof StoreError && error.code === "NotFound") return undefined;
      throw error;
    }
  }
}
