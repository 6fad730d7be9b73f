import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Stable, machine-readable error codes. Each maps to one HTTP status and a problem type URI. */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 422,
  domain_unverified: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  attempts_exhausted: 409,
  sold_out: 409,
  insufficient_funds: 409,
  not_released: 409,
  invalid_code: 400,
  code_expired: 400,
  too_many_attempts: 429,
  account_locked: 423,
  rate_limited: 429,
  oauth_failed: 400,
  provider_unavailable: 503,
  misconfigured: 503,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  /** JSON-pointer-ish dotted path of the offending field, e.g. `body.email`. */
  path: string;
  message: string;
}

/** The one error type domain functions throw; rendered as RFC 9457 problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
  }
  get status(): ContentfulStatusCode {
    return ERROR_STATUS[this.code];
  }
}

const TITLES: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  validation_failed: "Validation failed",
  unauthenticated: "Sign-in required",
  forbidden: "Forbidden",
  not_found: "Not found",
  conflict: "Conflict",
  payload_too_large: "Request body too large",
  attempts_exhausted: "No attempts left",
  domain_unverified: "Domain not verified",
  sold_out: "Sold out",
  insufficient_funds: "Not enough in the wallet",
  not_released: "Not released yet",
  invalid_code: "Invalid code",
  code_expired: "Code expired",
  too_many_attempts: "Too many attempts",
  account_locked: "Account temporarily locked",
  rate_limited: "Too many requests",
  oauth_failed: "Sign-in with provider failed",
  provider_unavailable: "Provider unavailable",
  misconfigured: "Service misconfigured",
  internal: "Internal error",
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  errors?: FieldError[];
  requestId?: string;
}

export function toProblem(err: AppError, requestId?: string): Problem {
  return {
    type: `https://tandem.dev/problems/${err.code.replaceAll("_", "-")}`,
    title: TITLES[err.code],
    status: err.status,
    detail: err.message,
    code: err.code,
    ...(err.errors?.length ? { errors: err.errors } : {}),
    ...(requestId ? { requestId } : {}),
  };
}

export function problemResponse(err: AppError, requestId?: string): Response {
  return new Response(JSON.stringify(toProblem(err, requestId)), {
    status: err.status,
    headers: { "content-type": "application/problem+json", ...err.headers },
  });
}
