/** A file a channel announced that will never arrive: the address is refused, the id expired, it is too large. */
export class MediaUnavailableError extends Error {
  constructor(
    readonly reason: "address_refused" | "expired" | "too_large" | "not_found",
    message: string,
  ) {
    super(message);
    this.name = "MediaUnavailableError";
  }
}
