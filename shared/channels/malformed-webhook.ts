/**
 * A webhook body that is not what the provider sends (another `object`, no entries): nothing in
 * it can be read, so the caller archives it for a person to look at instead of retrying it.
 */
export class MalformedWebhookError extends Error {
  readonly code = "malformed_webhook";

  constructor(
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`Malformed webhook: ${reason}`, options);
    this.name = "MalformedWebhookError";
  }
}
