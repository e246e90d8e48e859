import {
  type Accessor,
  createContext,
  createEffect,
  createSignal,
  type JSX,
  onCleanup,
  useContext,
} from "solid-js";
import { type AgentApi, createAgentApi } from "../data/agent-api";
import { ApiError } from "../data/api-error";
import {
  loadTokens,
  refreshDelay,
  refreshTokens,
  saveTokens,
  signIn,
  type Tokens,
} from "../data/auth-tokens";

type Session = {
  signedIn: Accessor<boolean>;
  /** The session ended by itself (not by signing out), so the login says why. */
  expired: Accessor<boolean>;
  idToken(): string | undefined;
  signIn(email: string, password: string): Promise<void>;
  signOut(): void;
  api: AgentApi;
};

const SessionContext = createContext<Session>();
/** After a failed refresh that was not a refusal (the network), try again this soon. */
const RETRY_REFRESH_MS = 15_000;

/** The signed-in staff member's tokens, kept in sessionStorage and refreshed before they expire. */
export function SessionProvider(props: { children: JSX.Element }) {
  const [tokens, setTokens] = createSignal<Tokens | null>(loadTokens(sessionStorage));
  const [expired, setExpired] = createSignal(false);
  const store = (next: Tokens | null) => {
    saveTokens(sessionStorage, next);
    setTokens(next);
  };
  const expire = () => {
    if (!tokens()) return;
    store(null);
    setExpired(true);
  };

  let refreshing: Promise<boolean> | null = null;
  function refresh(): Promise<boolean> {
    const current = tokens();
    if (!current) return Promise.resolve(false);
    refreshing ??= refreshTokens(current)
      .then(
        (next) => {
          if (tokens() === current) store(next);
          return true;
        },
        (error: unknown) => {
          if (error instanceof ApiError && error.status >= 400 && error.status < 500) expire();
          return false;
        },
      )
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  }

  createEffect(() => {
    const current = tokens();
    if (!current) return;
    let timer: ReturnType<typeof setTimeout>;
    const attempt = async () => {
      if (!(await refresh()) && tokens() === current) timer = setTimeout(attempt, RETRY_REFRESH_MS);
    };
    timer = setTimeout(attempt, refreshDelay(current, Date.now()));
    onCleanup(() => clearTimeout(timer));
  });

  const session: Session = {
    signedIn: () => tokens() !== null,
    expired,
    idToken: () => tokens()?.idToken,
    async signIn(email, password) {
      store(await signIn(email, password));
      setExpired(false);
    },
    signOut() {
      store(null);
      setExpired(false);
    },
    api: createAgentApi({ idToken: () => tokens()?.idToken, refresh, expired: expire }),
  };
  return <SessionContext.Provider value={session}>{props.children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const context = useContext(SessionContext);
  if (!context) throw new Error("useSession must be used inside <SessionProvider>");
  return context;
}
