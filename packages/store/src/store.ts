/**
 * The store: repositories over one database, plus the operations that span them (secret-key
 * rotation, encryption status) and `close`.
 */

import { hkdfSync } from "node:crypto";
import { ApiKeyRepository } from "./api-keys/api-key-repository.ts";
import { AuditRepository } from "./audit/audit-repository.ts";
import { ConnectionRepository } from "./connections/connection-repository.ts";
import type { DatabaseKind } from "./database/database-location.ts";
import { withStorageErrors } from "./database/storage-errors.ts";
import { keyIdsInUse, readActiveKeyId, retiredKeyIds } from "./encryption/key-registry.ts";
import { rotateSecretKey, type SecretKeyRotation } from "./encryption/rotate-secret-key.ts";
import { OAuthGrantRepository } from "./oauth-grants/oauth-grant-repository.ts";
import { OAuthTokenRepository } from "./oauth-tokens/oauth-token-repository.ts";
import type { StoreContext } from "./store-context.ts";
import { WorkspaceRepository } from "./workspaces/workspace-repository.ts";

export interface EncryptionStatus {
  /** The key this process seals with. */
  readonly keyId: string;
  /** The key the database says is active (differs from `keyId` after another process rotated). */
  readonly activeKeyId: string | undefined;
  /** Every key id some sealed value still needs; more than one means a rotation is unfinished. */
  readonly keyIdsInUse: readonly string[];
  readonly retiredKeyIds: readonly string[];
}

export class Store {
  readonly kind: DatabaseKind;
  /** Where the data lives, safe to log (a Postgres password is masked). */
  readonly location: string;
  readonly workspaces: WorkspaceRepository;
  readonly connections: ConnectionRepository;
  readonly apiKeys: ApiKeyRepository;
  readonly oauthTokens: OAuthTokenRepository;
  /** Grants of Headgate's own OAuth sign-in (/mcp), not tokens of upstream services. */
  readonly oauthGrants: OAuthGrantRepository;
  readonly audit: AuditRepository;
  /** What the operator should fix about how the data is kept; the server logs them at start. */
  readonly warnings: readonly string[];
  readonly #context: StoreContext;
  readonly #keyFileDir: string | undefined;
  #closed = false;

  /** Use `openStore`; this wires an already migrated database. */
  constructor(
    context: StoreContext,
    location: string,
    keyFileDir: string | undefined,
    warnings: readonly string[] = [],
  ) {
    this.#context = context;
    this.warnings = warnings;
    this.#keyFileDir = keyFileDir;
    this.kind = context.kind;
    this.location = location;
    this.workspaces = new WorkspaceRepository(context);
    this.connections = new ConnectionRepository(context);
    this.apiKeys = new ApiKeyRepository(context);
    this.oauthTokens = new OAuthTokenRepository(context);
    this.oauthGrants = new OAuthGrantRepository(context);
    this.audit = new AuditRepository(context);
  }

  /**
   * Re-encrypts every secret and token under `newKey` (64 hex or 44 base64 characters) in one
   * transaction; from then on this store seals with it. With a configured key, set
   * HEADGATE_SECRET_KEY to the new key before the next start; an embedded store's key file is
   * updated here.
   */
  rotateSecretKey(newKey: string): Promise<SecretKeyRotation> {
    return rotateSecretKey(this.#context, newKey, this.#keyFileDir);
  }

  /**
   * A 256-bit key for `purpose` (e.g. signing skip tokens), derived with HKDF from the active
   * secret key: every replica holding the same HEADGATE_SECRET_KEY derives the same key, and no
   * derived key reveals the secret key or another purpose's key.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(
      hkdfSync("sha256", this.#context.keyring.active.bytes, Buffer.alloc(0), `headgate:${purpose}`, 32),
    );
  }

  encryptionStatus(): Promise<EncryptionStatus> {
    return withStorageErrors(async () => ({
      keyId: this.#context.keyring.active.id,
      activeKeyId: await readActiveKeyId(this.#context.knex),
      keyIdsInUse: await keyIdsInUse(this.#context.knex),
      retiredKeyIds: await retiredKeyIds(this.#context.knex),
    }));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#context.knex.destroy();
  }

  toJSON(): { kind: DatabaseKind; location: string } {
    return { kind: this.kind, location: this.location };
  }
}
