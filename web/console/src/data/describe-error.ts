import { isMessageKey, type MessageKey, type Params } from "../i18n";
import { ApiError } from "./api-error";

/** Server codes that mean what the console already checks for itself before uploading. */
const ALIASES: Record<string, string> = {
  unsupported_media_type: "unsupported_type",
  payload_too_large: "too_large",
};

type Translate = (key: MessageKey, params?: Params) => string;

/**
 * What to tell the user about a failure, in his language: known codes from the catalog
 * (with the server's details or `params` filled in), anything else in the server's own words.
 */
export function describeError(error: unknown, t: Translate, params?: Params): string {
  if (!(error instanceof ApiError)) return t("errors.generic");
  const code = typeof error.details.code === "string" ? error.details.code : error.code;
  if (code === "conversation_taken") {
    const name = error.details.assigneeName;
    return typeof name === "string"
      ? t("errors.conversation_taken", { name })
      : t("errors.conversation_taken_anonymous");
  }
  const key = `errors.${ALIASES[code] ?? code}`;
  if (isMessageKey(key)) return t(key, params);
  return error.status >= 500 || !error.message ? t("errors.generic") : error.message;
}
