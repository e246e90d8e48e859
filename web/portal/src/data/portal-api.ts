import type { QueryInfo, SubmitQueryInput } from "../../../../shared/query/query-info.js";
import { authedCall } from "../../../customer/src/data/customer-api.js";

export type { QueryInfo, SubmitQueryInput };

/** What "Mi cuenta" calls with the customer's session; `onUnauthorized` hears about a session the server refused. */
export function createPortalApi(token: string, onUnauthorized: () => void) {
  const authed = authedCall(token, onUnauthorized);
  return {
    listQueries: () => authed<{ queries: QueryInfo[] }>("/queries"),
    submitQuery: (query: SubmitQueryInput) =>
      authed<{ query: QueryInfo }>("/queries", { method: "POST", body: query }),
  };
}

export type PortalApi = ReturnType<typeof createPortalApi>;
