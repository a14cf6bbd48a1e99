/**
 * How long a connection's scans are kept in the shared cache, from its `settings.cache`:
 *
 *   cache: off
 *   cache: { ttl: 5m, staleWhileRevalidate: 1m, entitySets: { RFIs: { ttl: 30s }, Vendors: off } }
 *
 * Durations are seconds or text such as 30s, 5m, 1h. A field left out takes its kind's default:
 * SaaS upstreams, which meter every request (procore, arcgis, sharepoint), cache for 5 minutes; a
 * database is its own cache (sql, sage300, memory: off). Checked before the connection opens, so
 * a typo comes back as a 400 naming the setting, the value and the accepted forms.
 */
import { DURATION_FORMS, formatDuration, parseDuration } from "@headgate/config";
import { type EntitySetCachePolicy, NO_SCAN_CACHE, type ScanCachePolicy } from "@headgate/engine";
import { GatewayError } from "../errors/gateway-error.ts";

/**
 * No cached scan answers after a day: a cache spares repeated questions and is not a copy of the
 * upstream (Procore's API usage guidelines call its API transactional and rule out bulk copies).
 */
export const MAX_CACHE_AGE_MS = 24 * 3_600_000;

const SAAS_DEFAULT: ScanCachePolicy = { ttlMs: 5 * 60_000, staleWhileRevalidateMs: 0 };

const KIND_DEFAULTS: Readonly<Record<string, ScanCachePolicy>> = {
  procore: SAAS_DEFAULT,
  arcgis: SAAS_DEFAULT,
  sharepoint: SAAS_DEFAULT,
};

type Settings = Readonly<Record<string, unknown>>;

/** What a connection of `kind` caches when its settings say nothing (sql, sage300, memory: off). */
export function defaultCachePolicy(kind: string): ScanCachePolicy {
  return Object.hasOwn(KIND_DEFAULTS, kind) ? KIND_DEFAULTS[kind]! : NO_SCAN_CACHE;
}

export function readCacheSettings(settings: Settings, kind: string): ScanCachePolicy {
  const value = settings.cache;
  const defaults = defaultCachePolicy(kind);
  if (value === undefined || value === null) return defaults;
  if (isOff(value)) return NO_SCAN_CACHE;
  if (!isObject(value))
    throw invalid([], value, "off, or a mapping { ttl, staleWhileRevalidate, entitySets }");
  const ttlMs = readDuration(value.ttl, ["ttl"]) ?? defaults.ttlMs;
  const staleWhileRevalidateMs =
    readDuration(value.staleWhileRevalidate, ["staleWhileRevalidate"]) ?? defaults.staleWhileRevalidateMs;
  const entitySets = readEntitySets(value.entitySets, settings.entitySetPrefix);
  const policy: ScanCachePolicy = {
    ttlMs,
    staleWhileRevalidateMs,
    ...(entitySets === undefined ? {} : { entitySets }),
  };
  checkLongestAge(policy);
  return policy;
}

/**
 * Entity sets by the connector's own names; a name written as the connection exposes it (with
 * its `entitySetPrefix`) is taken without the prefix, so either form works.
 */
function readEntitySets(
  value: unknown,
  prefix: unknown,
): Readonly<Record<string, EntitySetCachePolicy>> | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value))
    throw invalid(["entitySets"], value, "a mapping of entity set names to off or { ttl: <duration> }");
  const entries = Object.entries(value).map(([name, entry]): [string, EntitySetCachePolicy] => {
    const path = ["entitySets", name];
    if (isOff(entry)) return [ownName(name, prefix), { ttlMs: 0 }];
    if (!isObject(entry)) throw invalid(path, entry, "off, or { ttl: <duration> }");
    const ttlMs = readDuration(entry.ttl, [...path, "ttl"]);
    if (ttlMs === undefined) throw invalid([...path, "ttl"], entry.ttl, `off, or ${DURATION_FORMS}`);
    return [ownName(name, prefix), { ttlMs }];
  });
  return Object.fromEntries(entries);
}

function ownName(name: string, prefix: unknown): string {
  return typeof prefix === "string" && prefix !== "" && name.startsWith(prefix) && name !== prefix
    ? name.slice(prefix.length)
    : name;
}

/** Milliseconds; 0 for `off`; undefined when absent; a 400 for anything else or beyond a day. */
function readDuration(value: unknown, path: readonly string[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (isOff(value)) return 0;
  const ms = parseDuration(value);
  if (ms === undefined) throw invalid(path, value, `off, or ${DURATION_FORMS}`);
  if (ms > MAX_CACHE_AGE_MS)
    throw new GatewayError(
      "InvalidRequest",
      `${where(path)} is ${formatDuration(ms)}, longer than ${formatDuration(MAX_CACHE_AGE_MS)}, the longest Headgate keeps a cached scan: a cache spares repeated questions and is not a copy of the upstream (Procore's API usage guidelines call its API transactional and rule out bulk copies). Use a duration up to 24h.`,
      where(path),
    );
  return ms;
}

/** An expired scan still answers during staleWhileRevalidate, so the two together stay within a day. */
function checkLongestAge(policy: ScanCachePolicy): void {
  const ttls = [policy.ttlMs, ...Object.values(policy.entitySets ?? {}).map((e) => e.ttlMs)];
  const longest = Math.max(...ttls);
  if (longest === 0 || longest + policy.staleWhileRevalidateMs <= MAX_CACHE_AGE_MS) return;
  const path = where(["staleWhileRevalidate"]);
  throw new GatewayError(
    "InvalidRequest",
    `${path}: a ttl of ${formatDuration(longest)} plus ${formatDuration(policy.staleWhileRevalidateMs)} of stale answers would keep a scan longer than ${formatDuration(MAX_CACHE_AGE_MS)}, the longest Headgate keeps one (Procore's API usage guidelines rule out bulk copies). Shorten one of them.`,
    path,
  );
}

function invalid(path: readonly string[], found: unknown, accepted: string): GatewayError {
  return new GatewayError(
    "InvalidRequest",
    `${where(path)} must be ${accepted}; found ${shown(found)}.`,
    where(path),
  );
}

function where(path: readonly string[]): string {
  return ["settings", "cache", ...path].join(".");
}

function shown(value: unknown): string {
  if (value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  return JSON.stringify(value) ?? String(value);
}

/** `off` in YAML and JSON alike (`false` too: a YAML 1.1 habit). */
function isOff(value: unknown): boolean {
  return value === false || (typeof value === "string" && value.trim().toLowerCase() === "off");
}

function isObject(value: unknown): value is Settings {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
