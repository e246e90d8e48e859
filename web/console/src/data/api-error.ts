/** A failed API call as the server describes it: `{"error":{"code","message","details?"}}`; status 0 when it never arrived. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export async function errorFromResponse(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: unknown; message?: unknown; details?: unknown };
  } | null;
  const error = body?.error;
  return new ApiError(
    response.status,
    typeof error?.code === "string" ? error.code : "http_error",
    typeof error?.message === "string" ? error.message : response.statusText,
    error?.details && typeof error.details === "object" ? (error.details as Record<string, unknown>) : {},
  );
}

export const networkError = () => new ApiError(0, "network", "The server cannot be reached");
