import { onMount } from "solid-js";
import {
  type ReadySession as CustomerReadySession,
  createCustomerSession,
  createSessionContext,
} from "../../../customer/src/providers/session-provider.js";
import { createPortalApi, type PortalApi } from "../data/portal-api.js";

export type ReadySession = CustomerReadySession<PortalApi>;

/** "Mi cuenta" is the chat's customer on the same site (see createCustomerSession); it starts at once. */
export const { SessionProvider, useSession } = createSessionContext((config) => {
  const session = createCustomerSession(config, createPortalApi);
  onMount(session.start);
  return session;
});
