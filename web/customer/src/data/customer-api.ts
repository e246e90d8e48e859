import type { StartCustomerSessionInput } from "../../../../shared/customer/start-customer-session.js";

/** What both customer apps, the chat and "Mi cuenta", hold for one customer on one site. */
export type Session = { token: string; customerId: string; tenantId: string; identified: boolean };

const BASE = "/api/customer";

/** Any failed call: the server's error code, or `network` when the request never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** One call to the customer API. */
export async function call<T>(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (init.body !== undefined) headers["content-type"] = "application/json";
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let response: Response;
  try {
    response = await fetch(`${BASE}${path}`, {
      method: init.method ?? "GET",
      headers,
      ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    throw new ApiError(0, "network", error instanceof Error ? error.message : "Network error");
  }
  const payload = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (
      payload as { error?: { code?: string; message?: string; details?: Record<string, unknown> } }
    )?.error;
    throw new ApiError(
      response.status,
      error?.code ?? "http_error",
      error?.message ?? response.statusText,
      error?.details,
    );
  }
  return payload as T;
}

/** Calls made with a session's token; `onUnauthorized` hears about a session the server no longer accepts. */
export function authedCall(token: string, onUnauthorized: () => void) {
  return async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
    try {
      return await call<T>(path, { ...init, token });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthorized();
      throw error;
    }
  };
}

export function getTenant(tenantId: string) {
  return call<{ tenantId: string; name: string }>(`/tenants/${encodeURIComponent(tenantId)}`);
}

export function startSession(input: StartCustomerSessionInput) {
  return call<Session>("/sessions", { method: "POST", body: input });
}
