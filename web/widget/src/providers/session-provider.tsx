import { createContext, createEffect, createSignal, type JSX, useContext } from "solid-js";
import {
  ApiError,
  type CustomerApi,
  createCustomerApi,
  getTenant,
  type Session,
  startSession,
} from "../data/api.js";
import type { PageConfig } from "../data/page-config.js";
import {
  browserStorage,
  forgetSession,
  rememberTabIdentity,
  reusableSession,
  storeSession,
  tabIdentity,
} from "../data/session-store.js";
import { useFrame } from "./frame-provider.js";

export type ReadySession = { session: Session; api: CustomerApi; tenantName: string };
export type SessionProblem = "tenant" | "identity" | "rate_limited" | "generic";

type State =
  | { status: "waiting" | "starting" }
  | { status: "ready"; ready: ReadySession }
  | { status: "error"; problem: SessionProblem };

function problemOf(error: unknown): SessionProblem {
  if (!(error instanceof ApiError)) return "generic";
  if (error.status === 404 || error.code === "invalid_request") return "tenant";
  if (error.code === "invalid_signature") return "identity";
  if (error.status === 429) return "rate_limited";
  return "generic";
}

function createSession(config: PageConfig) {
  const frame = useFrame();
  const [state, setState] = createSignal<State>({ status: "waiting" });
  const { tenantId, identity } = config;
  const local = browserStorage(() => localStorage);
  const tab = browserStorage(() => sessionStorage);
  let renewed = false;

  /** A session this browser already holds, for the customer this page is about. */
  function stored() {
    const now = new Date();
    if (identity) return reusableSession(local, tenantId, { kind: "signed", ...identity }, now);
    const opened = tabIdentity(tab, tenantId);
    const identified = opened
      ? reusableSession(local, tenantId, { kind: "tab", externalId: opened }, now)
      : undefined;
    return identified ?? reusableSession(local, tenantId, { kind: "anonymous" }, now);
  }

  async function open(): Promise<Session> {
    const held = stored();
    if (held) return held;
    if (identity) {
      const { externalId, signature, name, email } = identity;
      const session = await startSession({
        tenantId,
        externalId,
        signature,
        ...(name && { name }),
        ...(email && { email }),
      });
      storeSession(local, session, { externalId, signature });
      return session;
    }
    const session = await startSession({ tenantId });
    storeSession(local, session);
    return session;
  }

  /** The server refused a stored token (expired, or its secret rotated): start once more from scratch. */
  function onUnauthorized(session: Session) {
    forgetSession(local, tenantId, session.identified);
    if (renewed) {
      setState({ status: "error", problem: "generic" });
      return;
    }
    renewed = true;
    void start();
  }

  async function start() {
    setState({ status: "starting" });
    try {
      const [tenant, session] = await Promise.all([getTenant(tenantId), open()]);
      if (identity) rememberTabIdentity(tab, tenantId, identity.externalId);
      const api = createCustomerApi(session.token, () => onUnauthorized(session));
      setState({ status: "ready", ready: { session, api, tenantName: tenant.name } });
    } catch (error) {
      setState({ status: "error", problem: problemOf(error) });
    }
  }

  // A hidden launcher frame on a host page must not create a customer for every visitor:
  // without a session to resume or an identity to open, it waits until the customer opens it.
  const eager = Boolean(identity) || Boolean(stored());
  createEffect(() => {
    if (state().status === "waiting" && (eager || frame.open())) void start();
  });

  return {
    state,
    ready: () => {
      const current = state();
      return current.status === "ready" ? current.ready : undefined;
    },
    retry: () => void start(),
  };
}

export type SessionContextValue = ReturnType<typeof createSession>;
const SessionContext = createContext<SessionContextValue>();

export function SessionProvider(props: { config: PageConfig; children: JSX.Element }) {
  return (
    <SessionContext.Provider value={createSession(props.config)}>{props.children}</SessionContext.Provider>
  );
}

export function useSession() {
  const context = useContext(SessionContext);
  if (!context) throw new Error("useSession must be used inside <SessionProvider>");
  return context;
}
