/**
 * ArcGIS token security: `generateToken` (username/password; `expires` in epoch ms) and the
 * portal's OAuth 2.0 client-credentials endpoint (`expires_in` in seconds). A token travels as
 * the `token` parameter or in `X-Esri-Authorization: Bearer`; a token generated for a referer
 * only works for requests carrying that `Referer`.
 */
import type { FastifyRequest } from "fastify";
import type { Faults } from "../../core/faults.ts";
import { bearerToken, TokenStore } from "../../core/tokens.ts";
import { ArcgisError, invalidToken, tokenRequired } from "../errors.ts";
import type { Params } from "../params.ts";

export interface Credentials {
  readonly username: string;
  readonly password: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

export class ArcgisAuth {
  private readonly store: TokenStore;
  /** Tokens bound to a referer (`client=referer`), by token. */
  private readonly referers = new Map<string, string>();

  constructor(
    private readonly credentials: Credentials,
    readonly lifetimeSeconds: number,
    private readonly faults: Faults,
  ) {
    this.store = new TokenStore(lifetimeSeconds);
  }

  /** `/arcgis/tokens/generateToken`. */
  generateToken(params: Params): { token: string; expires: number; ssl: boolean } {
    const { username, password } = this.credentials;
    if (params.text("username") !== username || params.text("password") !== password)
      throw new ArcgisError(400, "Unable to generate token.", ["Invalid username or password."]);
    const client = (params.text("client") ?? "requestip").toLowerCase();
    const referer = params.text("referer");
    if (client === "referer" && !referer)
      throw new ArcgisError(400, "Unable to generate token.", ["'referer' must be specified."]);
    const issued = this.issue(params.count("expiration"));
    if (client === "referer" && referer) this.referers.set(issued.accessToken, referer);
    return { token: issued.accessToken, expires: Date.now() + issued.expiresInSeconds * 1000, ssl: false };
  }

  /** `/arcgis/sharing/rest/oauth2/token`, client credentials only. */
  oauthToken(params: Params): { access_token: string; expires_in: number } {
    if (params.text("grant_type") !== "client_credentials")
      throw oauthError("unsupported_grant_type", "Invalid grant_type");
    if (params.text("client_id") !== this.credentials.clientId)
      throw oauthError("invalid_client", "Invalid client_id");
    if (params.text("client_secret") !== this.credentials.clientSecret)
      throw oauthError("invalid_client", "Invalid client_secret");
    const issued = this.issue(params.count("expiration"));
    return { access_token: issued.accessToken, expires_in: issued.expiresInSeconds };
  }

  /** Throws the server's 499/498 unless the request carries a live token valid for it. */
  authorize(request: FastifyRequest, params: Params, required: boolean): void {
    const token =
      params.text("token") ??
      bearerToken(header(request, "x-esri-authorization")) ??
      bearerToken(header(request, "authorization"));
    if (token === undefined) {
      if (required) throw tokenRequired();
      return;
    }
    if (this.faults.rejectTokens) throw invalidToken("tokens are being rejected (fault switch)");
    if (!this.store.isValid(token)) throw invalidToken("unknown or expired token");
    const referer = this.referers.get(token);
    if (referer !== undefined && header(request, "referer") !== referer)
      throw invalidToken("token was generated for another referer");
  }

  /** Expires every token issued so far (for tests of the 498 refresh path). */
  expireAll(): void {
    this.store.expireAll();
  }

  /** `expiration` (minutes) may shorten a token's life below the server's limit, never lengthen it. */
  private issue(expirationMinutes: number | undefined) {
    const seconds = Math.min(this.lifetimeSeconds, (expirationMinutes ?? Number.POSITIVE_INFINITY) * 60);
    // The shared store has one lifetime; set it for this token only (synchronous, so no interleaving).
    this.store.setLifetime(Math.max(1, seconds));
    const issued = this.store.issue(false);
    this.store.setLifetime(this.lifetimeSeconds);
    return issued;
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The portal's OAuth error body: the ArcGIS envelope with OAuth's `error`/`error_description` inside. */
class OAuthError extends ArcgisError {
  constructor(
    readonly oauthCode: string,
    description: string,
  ) {
    super(400, description, []);
  }

  override get body() {
    return {
      error: {
        code: 400,
        error: this.oauthCode,
        error_description: this.message,
        message: this.message,
        details: [],
      },
    };
  }
}

function oauthError(code: string, description: string): ArcgisError {
  return new OAuthError(code, description);
}
