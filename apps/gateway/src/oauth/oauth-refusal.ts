/**
 * The form parameters the OAuth endpoints read, and their refusals in RFC 6749's error format
 * (`error`, `error_description`), answered with 400 by the routes.
 */
export type OAuthParams = Readonly<Record<string, string | undefined>>;

export interface OAuthRefusal {
  readonly ok: false;
  readonly error: string;
  readonly description: string;
}

export function refused(error: string, description: string): OAuthRefusal {
  return { ok: false, error, description };
}
