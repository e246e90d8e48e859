/**
 * Typed failures of the domain. Each carries a stable machine-readable `code` and the HTTP
 * status the edge maps it to; nothing else in the code base decides a status.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("invalid_request", 400, message, details);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = "Authentication required", code = "unauthorized") {
    super(code, 401, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = "Not allowed", code = "forbidden") {
    super(code, 403, message);
  }
}

/** Also what a caller gets for another tenant's or another customer's id: never a hint that it exists. */
export class NotFoundError extends AppError {
  constructor(what: string) {
    super(`${what}_not_found`, 404, `${what.replaceAll("_", " ")} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, 409, message, details);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("payload_too_large", 413, message, details);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("unsupported_media_type", 415, message, details);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", 429, "Too many requests, try again later", { retryAfterSeconds });
  }
}
