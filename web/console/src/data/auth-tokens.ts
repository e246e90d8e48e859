import { ApiError, errorFromResponse, networkError } from "./api-error";

/** What the console keeps of a sign-in; `expiresAt` is in epoch milliseconds. */
export type Tokens = { idToken: string; refreshToken: string; expiresAt: number };

const STORAGE_KEY = "atiende.console.session";
/** Refresh this long before the ID token expires, so a request never leaves with a dead one. */
const REFRESH_MARGIN_MS = 60_000;

export function loadTokens(storage: Storage): Tokens | null {
  try {
    const parsed = JSON.parse(storage.getItem(STORAGE_KEY) ?? "null") as Partial<Tokens> | null;
    if (typeof parsed?.idToken !== "string" || typeof parsed.refreshToken !== "string") return null;
    if (typeof parsed.expiresAt !== "number") return null;
    return { idToken: parsed.idToken, refreshToken: parsed.refreshToken, expiresAt: parsed.expiresAt };
  } catch {
    return null;
  }
}

export function saveTokens(storage: Storage, tokens: Tokens | null) {
  if (tokens) storage.setItem(STORAGE_KEY, JSON.stringify(tokens));
  else storage.removeItem(STORAGE_KEY);
}

/** Milliseconds until the tokens should be refreshed (zero when that moment has passed). */
export function refreshDelay(tokens: Tokens, now: number) {
  return Math.max(0, tokens.expiresAt - REFRESH_MARGIN_MS - now);
}

async function postAuth(path: string, body: unknown) {
  let response: Response;
  try {
    response = await fetch(`/api/auth/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as { idToken: string; refreshToken?: string; expiresIn: number };
}

export async function signIn(email: string, password: string): Promise<Tokens> {
  const { idToken, refreshToken, expiresIn } = await postAuth("login", { email, password });
  if (!refreshToken) throw new ApiError(500, "internal", "The sign-in returned no refresh token");
  return { idToken, refreshToken, expiresAt: Date.now() + expiresIn * 1000 };
}

export async function refreshTokens(tokens: Tokens): Promise<Tokens> {
  const { idToken, refreshToken, expiresIn } = await postAuth("refresh", {
    refreshToken: tokens.refreshToken,
  });
  return {
    idToken,
    refreshToken: refreshToken ?? tokens.refreshToken,
    expiresAt: Date.now() + expiresIn * 1000,
  };
}
