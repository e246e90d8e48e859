import { createContext, createSignal, type JSX, useContext } from "solid-js";
import { ApiError, getTenant, type Session, startSession } from "../data/customer-api.js";
import type { PageConfig } from "../data/page-config.js";
import {
  browserStorage,
  forgetSession,
  rememberTabIdentity,
  reusableSession,
  storeSession,
  tabIdentity,
} from "../data/session-store.js";

export type ReadySession<Api> = { session: Session; api: Api; tenantName: string };
export type SessionProblem = "tenant" | "identity" | "rate_limited" | "generic";

/** The text each app's catalog holds for a problem; both catalogs name these keys. */
export const PROBLEM_TEXT = {
  tenant: "errorTenant",
  identity: "errorIdentity",
  rate_limited: "errorRateLimited",
  generic: "errorGeneric",
} as const satisfies Record<SessionProblem, string>;

/** Trying again cannot help a page for an unknown tenant or a customer whose signature fails. */
export const retryable = (problem: SessionProblem) => problem !== "tenant" && problem !== "identity";

type State<Api> =
  | { status: "waiting" | "starting" }
  | { status: "ready"; ready: ReadySession<Api> }
  | { status: "error"; problem: SessionProblem };

function problemOf(error: unknown): SessionProblem {
  if (!(error instanceof ApiError)) return "generic";
  if (error.status === 404 || error.code === "invalid_request") return "tenant";
  if (error.code === "invalid_signature") return "identity";
  if (error.status === 429) return "rate_limited";
  return "generic";
}

/**
 * The customer's session, the same for the chat and "Mi cuenta" on one site: anonymous or the
 * host's signed customer, stored under the same keys with the same rules for which stored
 * session a page may reuse. It waits until the app calls `start`.
 */
export function createCustomerSession<Api>(
  config: PageConfig,
  createApi: (token: string, onUnauthorized: () => void) => Api,
) {
  const [state, setState] = createSignal<State<Api>>({ status: "waiting" });
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
      const api = createApi(session.token, () => onUnauthorized(session));
      setState({ status: "ready", ready: { session, api, tenantName: tenant.name } });
    } catch (error) {
      setState({ status: "error", problem: problemOf(error) });
    }
  }

  return {
    state,
    /** Whether the page may open a session unasked: the host signed its customer, or one is stored to resume. */
    resumable: () => Boolean(identity) || Boolean(stored()),
    ready: () => {
      const current = state();
      return current.status === "ready" ? current.ready : undefined;
    },
    problem: () => {
      const current = state();
      return current.status === "error" ? current.problem : undefined;
    },
    start: () => void start(),
    retry: () => void start(),
  };
}

export type CustomerSession<Api> = ReturnType<typeof createCustomerSession<Api>>;

/** One app's session context: `setup` builds the session and decides when it starts. */
export function createSessionContext<Api>(setup: (config: PageConfig) => CustomerSession<Api>) {
  const SessionContext = createContext<CustomerSession<Api>>();
  return {
    SessionProvider(props: { config: PageConfig; children: JSX.Element }) {
      return <SessionContext.Provider value={setup(props.config)}>{props.children}</SessionContext.Provider>;
    },
    useSession() {
      const context = useContext(SessionContext);
      if (!context) throw new Error("useSession must be used inside <SessionProvider>");
      return context;
    },
  };
}
