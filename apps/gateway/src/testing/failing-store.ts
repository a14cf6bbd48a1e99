/**
 * A store whose connection list cannot be read, as when its database went away mid-flight: every
 * engine build (so every data request on every door) and the admin connection list fail with
 * `failure`, a plain error that is not the client's fault. Keys still authenticate.
 */
import type { Store } from "@headgate/store";

export function storeFailingConnections(store: Store, failure: Error): Store {
  const connections = new Proxy(store.connections, {
    get: (target, name) => (name === "list" ? () => Promise.reject(failure) : bound(target, name)),
  });
  return new Proxy(store, {
    get: (target, name) => (name === "connections" ? connections : bound(target, name)),
  });
}

/** Methods keep their own `this`: stores hold private fields a proxy cannot reach. */
function bound(target: object, name: string | symbol): unknown {
  const value: unknown = Reflect.get(target, name);
  return typeof value === "function" ? value.bind(target) : value;
}
