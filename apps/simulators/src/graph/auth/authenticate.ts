/**
 * The bearer check in front of every Graph call, with the messages Graph gives for each kind of
 * bad token (all `401 InvalidAuthenticationToken`).
 */
import type { FastifyRequest } from "fastify";
import type { Faults } from "../../core/faults.ts";
import { bearerToken } from "../../core/tokens.ts";
import { invalidToken } from "../graph-error.ts";
import type { AccessTokens, TokenCheck } from "./access-tokens.ts";

const EXPIRED = "Lifetime validation failed, the token is expired.";

const MESSAGES: Readonly<Record<Exclude<TokenCheck, "valid">, string>> = {
  empty: "Access token is empty.",
  malformed:
    "IDX14100: JWT is not well formed, there are no dots (.).\nThe token needs to be in JWS or JWE Compact Serialization Format. (JWS): 'EncodedHeader.EndcodedPayload.EncodedSignature'. (JWE): 'EncodedProtectedHeader.EncodedEncryptedKey.EncodedInitializationVector.EncodedCiphertext.EncodedAuthenticationTag'.",
  expired: EXPIRED,
  unknown: "Access token validation failure.",
  wrongAudience: "Access token validation failure. Invalid audience.",
};

/** Throws Graph's 401 unless the request carries a live Graph token. */
export function authenticate(request: FastifyRequest, tokens: AccessTokens, faults: Faults): void {
  const check = tokens.check(bearerToken(request.headers.authorization));
  if (check === "empty") throw invalidToken(MESSAGES.empty);
  if (faults.rejectTokens) throw invalidToken(EXPIRED);
  if (check !== "valid") throw invalidToken(MESSAGES[check]);
}
