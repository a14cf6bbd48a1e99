/**
 * Errors of Procore's OAuth server (Doorkeeper): RFC 6749 `{"error", "error_description"}` bodies.
 * The refresh-token wording is the one Procore documents.
 */
import type { FastifyReply } from "fastify";

export const OAUTH_ERRORS = {
  invalidClient: {
    status: 401,
    error: "invalid_client",
    description:
      "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
  },
  invalidGrant: {
    status: 400,
    error: "invalid_grant",
    description:
      "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
  },
  invalidRefreshToken: { status: 400, error: "invalid_grant", description: "The refresh token is invalid" },
  unsupportedGrantType: {
    status: 400,
    error: "unsupported_grant_type",
    description: "The authorization grant type is not supported by the authorization server.",
  },
  unsupportedResponseType: {
    status: 400,
    error: "unsupported_response_type",
    description: "The authorization server does not support this response type.",
  },
  invalidRedirectUri: {
    status: 400,
    error: "invalid_redirect_uri",
    description: "The requested redirect uri is malformed or doesn't match client redirect URI.",
  },
} as const;

export type OAuthError = (typeof OAUTH_ERRORS)[keyof typeof OAUTH_ERRORS];

export function sendOAuthError(reply: FastifyReply, error: OAuthError): FastifyReply {
  return reply
    .code(error.status)
    .header("Cache-Control", "no-store")
    .send({ error: error.error, error_description: error.description });
}

export function sendMissingParameter(reply: FastifyReply, name: string): FastifyReply {
  return reply
    .code(400)
    .header("Cache-Control", "no-store")
    .send({ error: "invalid_request", error_description: `Missing required parameter: ${name}.` });
}
