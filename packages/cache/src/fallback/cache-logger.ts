/**
 * Where the cache says that Redis was lost and is back: the two methods of a pino logger it uses,
 * so the gateway passes its own and the lines land among the request logs.
 */
export interface CacheLogger {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

/**
 * A CacheLogger for a cache opened before the logger it should use exists (serve and the demo
 * open the cache before the gateway whose pino logger it is). It keeps what it is told until
 * `attach`, then forwards. What it keeps is bounded: a flapping server must not grow memory.
 */
export class DeferredCacheLogger implements CacheLogger {
  static readonly MAX_KEPT = 20;
  #target: CacheLogger | undefined;
  readonly #kept: { readonly level: "warn" | "info"; readonly details: object; readonly message: string }[] =
    [];

  attach(target: CacheLogger): void {
    this.#target = target;
    for (const { level, details, message } of this.#kept.splice(0)) target[level](details, message);
  }

  warn(details: object, message: string): void {
    this.#tell("warn", details, message);
  }

  info(details: object, message: string): void {
    this.#tell("info", details, message);
  }

  #tell(level: "warn" | "info", details: object, message: string): void {
    if (this.#target !== undefined) this.#target[level](details, message);
    else if (this.#kept.length < DeferredCacheLogger.MAX_KEPT) this.#kept.push({ level, details, message });
  }
}
