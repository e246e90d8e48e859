import { createContext, createSignal, type JSX, onMount, useContext } from "solid-js";
import { ApiError, getTenant, type Session, startSession } from "../../../widget/src/data/api.js";
import type { PageConfig } from "../../../widget/src/data/page-config.js";
import {
  browserStorage,
  forgetSession,
  rememberTabIdentity,
  reusableSession,
  storeSession,
  tabIdentity,
} from "../../../widget/src/data/session-store.js";
import { createPortalApi, type PortalApi } from "../data/portal-api.js";

export type ReadySession = { session: Session; api: PortalApi; tenantName: string };
export type SessionProblem = "tenant" | "identity" | "rate_limited" | "generic";

type State =
  | { status: "starting" }
  | { status: "ready"; ready: ReadySession }
  | { status: "error"; problem: SessionProblem };

function problemOf(error: unknown): SessionProblem {
  if (!(error instanceof ApiError)) return "generic";
  if (error.status === 404 || error.code === "invalid_request") return "tenant";
  if (error.code === "invalid_signature") return "identity";
  if (error.status === 429) return "rate_limited";
  return "generic";
}

/**
 * The customer's session, kept where the chat widget keeps it: on one site the chat and
 * "Mi cuenta" are the same customer, anonymous or the host's signed one, with the same rules
 * for which stored session a page may reuse (web/widget/src/data/session-store.ts).
 */
function createSession(config: PageConfig) {
  const [state, setState] = createSignal<State>({ status: "starting" });
  const { tenantId, identity } = config;
  const local = browserStorage(() => localStorage);
  const tab = browserStorage(() => sessionStorage);
  let renewed = false;

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
      const session = await startSession({ tenantId, externalId, signature, name, email });
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
    if (renewed) return setState({ status: "error", problem: "generic" });
    renewed = true;
    void start();
  }

  async function start() {
    setState({ status: "starting" });
    try {
      const [tenant, session] = await Promise.all([getTenant(tenantId), open()]);
      if (identity) rememberTabIdentity(tab, tenantId, identity.externalId);
      const api = createPortalApi(session.token, () => onUnauthorized(session));
      setState({ status: "ready", ready: { session, api, tenantName: tenant.name } });
    } catch (error) {
      setState({ status: "error", problem: problemOf(error) });
    }
  }

  onMount(() => void start());

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
