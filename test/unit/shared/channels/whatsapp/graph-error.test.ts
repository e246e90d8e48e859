import { describe, expect, it } from "vitest";
import { fromNetworkError, toSendError } from "../../../../../shared/channels/whatsapp/graph-error.js";

/** A Graph API error answer, shaped as the Cloud API sends it. */
const graphError = (code: number, message: string, more: Record<string, unknown> = {}) => ({
  error: { message, type: "OAuthException", code, fbtrace_id: "AbCdEf", ...more },
});

describe("toSendError", () => {
  it.each([
    [400, 4, "(#4) Application request limit reached"],
    [400, 80007, "(#80007) Rate limit issues"],
    [400, 130429, "(#130429) Rate limit hit"],
    [503, 131016, "(#131016) Service unavailable"],
    [400, 131048, "(#131048) Spam rate limit hit"],
    [400, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit"],
    [500, 2, "(#2) Service temporarily unavailable"],
  ])("retries HTTP %i with Graph code %i (%s)", (status, code, message) => {
    const error = toSendError(status, graphError(code, message));

    expect(error).toMatchObject({ transient: true, code: `whatsapp_${code}`, message });
  });

  it("retries whatever Meta marks as transient", () => {
    const error = toSendError(400, graphError(1, "An unknown error occurred", { is_transient: true }));

    expect(error.transient).toBe(true);
  });

  it.each([500, 502, 503, 504, 429])("retries HTTP %i even without a Graph error", (status) => {
    const error = toSendError(status, "<html>Bad gateway</html>");

    expect(error).toMatchObject({
      transient: true,
      code: `http_${status}`,
      message: `WhatsApp answered HTTP ${status}`,
    });
  });

  it("tells the agent the 24 h window is closed, with Meta's details", () => {
    const body = graphError(131047, "(#131047) Re-engagement message", {
      error_data: {
        messaging_product: "whatsapp",
        details:
          "Message failed to send because more than 24 hours have passed since the customer last replied.",
      },
    });

    const error = toSendError(400, body);

    expect(error).toMatchObject({
      transient: false,
      code: "window_closed",
      message:
        "(#131047) Re-engagement message: Message failed to send because more than 24 hours have passed since the customer last replied.",
    });
  });

  it("fails an undeliverable message for good", () => {
    const error = toSendError(400, graphError(131026, "(#131026) Message Undeliverable"));

    expect(error).toMatchObject({ transient: false, code: "undeliverable" });
  });

  it.each([132000, 132001, 132007, 132015])("reports template problem %i as template_rejected", (code) => {
    const error = toSendError(400, graphError(code, `(#${code}) Template problem`));

    expect(error).toMatchObject({ transient: false, code: "template_rejected" });
  });

  it.each([
    [401, 190, "Error validating access token: Session has expired"],
    [403, 10, "(#10) Application does not have permission for this action"],
    [403, 200, "(#200) Permissions error"],
  ])("reports HTTP %i code %i as a channel authorisation problem", (status, code, message) => {
    const error = toSendError(status, graphError(code, message));

    expect(error).toMatchObject({ transient: false, code: "channel_auth", message });
  });

  it("keeps Meta's code for anything else, failed for good", () => {
    const error = toSendError(400, graphError(100, "(#100) Invalid parameter"));

    expect(error).toMatchObject({
      transient: false,
      code: "whatsapp_100",
      message: "(#100) Invalid parameter",
    });
  });

  it("does not retry a client error that carries no Graph error", () => {
    const error = toSendError(400, null);

    expect(error).toMatchObject({
      transient: false,
      code: "http_400",
      message: "WhatsApp answered HTTP 400",
    });
  });

  it("reads a Graph code written as a string", () => {
    const error = toSendError(400, { error: { message: "(#131047) Re-engagement message", code: "131047" } });

    expect(error.code).toBe("window_closed");
  });
});

describe("fromNetworkError", () => {
  it("retries a request that got no answer, keeping the cause", () => {
    const cause = new TypeError("fetch failed");

    const error = fromNetworkError(cause);

    expect(error).toMatchObject({
      transient: true,
      code: "channel_unreachable",
      message: "WhatsApp could not be reached: fetch failed",
      cause,
    });
  });
});
