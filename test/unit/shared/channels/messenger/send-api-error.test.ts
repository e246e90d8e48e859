import { describe, expect, it } from "vitest";
import { fromNetworkError, toSendError } from "../../../../../shared/channels/messenger/send-api-error.js";
import { ChannelSendError } from "../../../../../shared/channels/outbound.js";

function graphError(code: number, fields: Record<string, unknown> = {}) {
  return {
    error: {
      message: `Graph error ${code}`,
      type: "OAuthException",
      code,
      fbtrace_id: "BLBz/WZt8dN",
      ...fields,
    },
  };
}

function outcome(error: ChannelSendError) {
  return { transient: error.transient, code: error.code };
}

describe("a Send API refusal", () => {
  it.each([500, 502, 503])("is retried when Messenger answers HTTP %i", (status) => {
    expect(outcome(toSendError(status, "<html>Bad gateway</html>"))).toEqual({
      transient: true,
      code: `messenger_http_${status}`,
    });
  });

  it("is retried when Messenger throttles with HTTP 429", () => {
    expect(outcome(toSendError(429, {}))).toMatchObject({ transient: true });
  });

  it.each([1, 2, 4, 17, 32, 613, 1200])("is retried for Graph code %i", (code) => {
    expect(outcome(toSendError(400, graphError(code)))).toEqual({
      transient: true,
      code: `messenger_${code}`,
    });
  });

  it("is retried when Graph says the error is transient", () => {
    expect(outcome(toSendError(400, graphError(9999, { is_transient: true })))).toEqual({
      transient: true,
      code: "messenger_9999",
    });
  });

  it("fails the message as window_closed when sent outside the allowed window", () => {
    const error = toSendError(400, graphError(10, { error_subcode: 2018278 }));

    expect(outcome(error)).toEqual({ transient: false, code: "window_closed" });
    expect(error.message).toBe("Graph error 10");
  });

  it("keeps other code 10 refusals as Messenger's own", () => {
    expect(outcome(toSendError(403, graphError(10)))).toEqual({ transient: false, code: "messenger_10" });
  });

  it("fails the message as undeliverable when the person is not available", () => {
    expect(outcome(toSendError(400, graphError(551, { error_subcode: 1545041 })))).toEqual({
      transient: false,
      code: "undeliverable",
    });
  });

  it.each([190, 200])("fails the message as channel_auth for Graph code %i", (code) => {
    expect(outcome(toSendError(400, graphError(code)))).toEqual({ transient: false, code: "channel_auth" });
  });

  it("fails the message with Messenger's code for anything else, keeping Messenger's words", () => {
    const error = toSendError(
      400,
      graphError(100, { message: "(#100) Param recipient[id] must be a valid ID" }),
    );

    expect(outcome(error)).toEqual({ transient: false, code: "messenger_100" });
    expect(error.message).toBe("(#100) Param recipient[id] must be a valid ID");
  });

  it("names the HTTP status when the body is not a Graph error", () => {
    const error = toSendError(404, "Not Found");

    expect(outcome(error)).toEqual({ transient: false, code: "messenger_http_404" });
    expect(error.message).toBe("Messenger answered HTTP 404");
  });
});

describe("a request that got no answer", () => {
  it("is retried as channel_unreachable, keeping the cause", () => {
    const cause = new TypeError("fetch failed");

    const error = fromNetworkError(cause);

    expect(error).toBeInstanceOf(ChannelSendError);
    expect(outcome(error)).toEqual({ transient: true, code: "channel_unreachable" });
    expect(error.cause).toBe(cause);
    expect(error.message).toContain("fetch failed");
  });

  it("is retried even when what was thrown is not an Error", () => {
    expect(outcome(fromNetworkError("socket hang up"))).toEqual({
      transient: true,
      code: "channel_unreachable",
    });
  });
});
