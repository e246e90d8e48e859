/** What the AWS SDK and Node name a failure that a later retry may not meet. */
const TRANSIENT_NAMES = new Set([
  "ThrottlingException",
  "ProvisionedThroughputExceededException",
  "RequestLimitExceeded",
  "InternalServerError",
  "ServiceUnavailable",
  "TimeoutError",
]);
const TRANSIENT_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EAI_AGAIN"]);

/**
 * Whether an error, or one it wraps (ElectroDB wraps the SDK's), says a service we depend on
 * was out of reach or overloaded: the caller should try again, not report a bug.
 */
export function isTransientFailure(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Object; depth++) {
    const { name, code } = current as { name?: unknown; code?: unknown };
    if (TRANSIENT_NAMES.has(String(name)) || TRANSIENT_CODES.has(String(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
