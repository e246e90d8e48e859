import type { QueryInfo, SubmitQueryInput } from "../../../../shared/query/query-info.js";
import { ApiError, call } from "../../../widget/src/data/api.js";

export type { QueryInfo, SubmitQueryInput };

/** What "Mi cuenta" calls with the customer's session; `onUnauthorized` hears about a session the server refused. */
export function createPortalApi(token: string, onUnauthorized: () => void) {
  const authed = async <T>(path: string, init: { method?: string; body?: unknown } = {}) => {
    try {
      return await call<T>(path, { ...init, token });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthorized();
      throw error;
    }
  };
  return {
    listQueries: () => authed<{ queries: QueryInfo[] }>("/queries"),
    submitQuery: (query: SubmitQueryInput) =>
      authed<{ query: QueryInfo }>("/queries", { method: "POST", body: query }),
  };
}

export type PortalApi = ReturnType<typeof createPortalApi>;
