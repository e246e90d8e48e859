// biome-ignore lint/suspicious/noExplicitAny: test helpers read whatever JSON the API answered
type Json = any;

/** One HTTP call to the stack, with the JSON answer parsed. */
export async function api(
  base: string,
  path: string,
  options: {
    method?: string;
    token?: string;
    body?: unknown;
    rawBody?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const response = await fetch(base + path, {
    method: options.method ?? "GET",
    headers: {
      ...(options.body !== undefined || options.rawBody !== undefined
        ? { "content-type": "application/json" }
        : {}),
      ...(options.token && { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    body: options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: Json = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: response.status, body, headers: response.headers };
}

/** A client message id as the widget and console make them. */
export const clientId = () => crypto.randomUUID();
