/**
 * Authorization codes of the authorization-code grant: bound to the client and redirect URI
 * they were issued for, single-use, and dead after ten minutes, as Procore's are.
 */
import { randomBytes } from "node:crypto";

const CODE_LIFETIME_MS = 10 * 60 * 1000;

export const OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob";

interface PendingCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly userId: number;
  readonly expiresAt: number;
}

export class AuthorizationCodes {
  private readonly codes = new Map<string, PendingCode>();

  mint(clientId: string, redirectUri: string, userId: number): string {
    const code = randomBytes(24).toString("hex");
    this.codes.set(code, { clientId, redirectUri, userId, expiresAt: Date.now() + CODE_LIFETIME_MS });
    return code;
  }

  /** The user the code was issued for, or null; a code is consumed by any attempt to use it. */
  redeem(code: string, clientId: string, redirectUri: string): number | null {
    const pending = this.codes.get(code);
    this.codes.delete(code);
    if (!pending || pending.expiresAt <= Date.now()) return null;
    if (pending.clientId !== clientId || pending.redirectUri !== redirectUri) return null;
    return pending.userId;
  }
}
