import { isMessageKey, type MessageKey, type Params } from "../i18n";
import { ApiError } from "./api-error";

/** Server codes that mean what the console already checks for itself before uploading. */
const ALIASES: Record<string, string> = {
  unsupported_media_type: "unsupported_type",
  payload_too_large: "too_large",
};

type Translate = (key: MessageKey, params?: Params) => string;

/** The profile fields a customer is recognised by, as `identity_taken` names them. */
const IDENTITY_FIELDS: Record<string, MessageKey> = {
  phone: "profile.phone",
  email: "profile.email",
  document: "profile.document",
};

/** The server's details that read as words: they fill the catalog's `{placeholders}`. */
function detailParams(details: Record<string, unknown>): Params {
  const params: Params = {};
  for (const [name, value] of Object.entries(details)) {
    if (typeof value === "string" || typeof value === "number") params[name] = value;
  }
  return params;
}

/**
 * What to tell the user about a failure, in his language: known codes from the catalog
 * (with the server's details or `params` filled in), anything else in the server's own words.
 */
export function describeError(error: unknown, t: Translate, params?: Params): string {
  if (!(error instanceof ApiError)) return t("errors.generic");
  const { details } = error;
  const code = typeof details.code === "string" ? details.code : error.code;
  if (code === "conversation_taken") {
    const name = details.assigneeName;
    return typeof name === "string"
      ? t("errors.conversation_taken", { name })
      : t("errors.conversation_taken_anonymous");
  }
  if (code === "window_closed") {
    // Said the same way as the composer says it, so the agent sees one explanation.
    return details.channel === "messenger" ? t("window.messengerClosed") : t("window.whatsappClosed");
  }
  if (code === "identity_taken") {
    const keys = Array.isArray(details.keys) ? details.keys : [];
    const fields = keys.flatMap((key) =>
      typeof key === "string" && IDENTITY_FIELDS[key] ? [t(IDENTITY_FIELDS[key])] : [],
    );
    return t("errors.identity_taken", { fields: fields.join(", ") || t("errors.identity_fields") });
  }
  if (code === "channel_not_configured") {
    const channel = `channel.${String(details.channel)}`;
    return t("errors.channel_not_configured", {
      channel: isMessageKey(channel) ? t(channel) : String(details.channel ?? ""),
    });
  }
  const key = `errors.${ALIASES[code] ?? code}`;
  if (isMessageKey(key)) return t(key, { ...detailParams(details), ...params });
  return error.status >= 500 || !error.message ? t("errors.generic") : error.message;
}
