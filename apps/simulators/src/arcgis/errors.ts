/**
 * ArcGIS REST errors. ArcGIS Server answers almost every failure with HTTP 200 and a body
 * `{"error":{"code","message","details"}}`; clients must look inside every body. `reason` is the
 * simulator's own explanation, sent in an `X-Simulator-Reason` header so the body stays exactly
 * what the real server sends.
 */

export interface ErrorBody {
  readonly error: {
    readonly code: number;
    readonly message: string;
    readonly messageCode?: string;
    readonly details: readonly string[];
  };
}

export class ArcgisError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly details: readonly string[] = [],
    readonly options: { readonly messageCode?: string; readonly reason?: string } = {},
  ) {
    super(message);
    this.name = "ArcgisError";
  }

  get body(): ErrorBody {
    const { messageCode } = this.options;
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(messageCode ? { messageCode } : {}),
        details: this.details,
      },
    };
  }
}

/** The "Unable to complete operation." family, naming the offending parameter as the server does. */
export function invalidParameter(name: string, reason?: string): ArcgisError {
  return new ArcgisError(400, "Unable to complete operation.", [`'${name}' parameter is invalid`], {
    ...(reason ? { reason } : {}),
  });
}

export const tokenRequired = (): ArcgisError =>
  new ArcgisError(499, "Token Required", ["Token Required"], { messageCode: "GWM_0003" });

export const invalidToken = (reason: string): ArcgisError =>
  new ArcgisError(498, "Invalid Token", [], { reason });

export const invalidUrl = (): ArcgisError => new ArcgisError(400, "Invalid URL", ["Invalid URL"]);

export const serviceNotFound = (name: string): ArcgisError =>
  new ArcgisError(404, `Service ${name} not found`, [], { reason: "no such service or folder" });
