import { createEffect } from "solid-js";
import {
  type ReadySession as CustomerReadySession,
  createCustomerSession,
  createSessionContext,
} from "../../../customer/src/providers/session-provider.js";
import { type CustomerApi, createCustomerApi } from "../data/api.js";
import { useFrame } from "./frame-provider.js";

export type ReadySession = CustomerReadySession<CustomerApi>;

export const { SessionProvider, useSession } = createSessionContext((config) => {
  const frame = useFrame();
  const session = createCustomerSession(config, createCustomerApi);
  // A hidden launcher frame on a host page must not create a customer for every visitor:
  // without a session to resume or an identity to open, it waits until the customer opens it.
  const eager = session.resumable();
  createEffect(() => {
    if (session.state().status === "waiting" && (eager || frame.open())) session.start();
  });
  return session;
});
