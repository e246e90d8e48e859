import { ChannelSendError, type ChannelSender, type OutgoingMessage } from "../../channels/outbound.js";

type GraphSenderOptions = {
  /** `https://graph.facebook.com/v21.0`, or the local simulator's stand-in. */
  graphUrl: string;
  accessToken: string;
  /** The request bodies for one message, in the order they are sent. */
  toRequests: (message: OutgoingMessage) => { path: string; body: Record<string, unknown> }[];
  /** The id the provider gave the message, from its answer. */
  readId: (body: unknown) => string | undefined;
  toSendError: (status: number, body: unknown) => ChannelSendError;
  fromNetworkError: (error: unknown) => ChannelSendError;
};

/**
 * A sender over Meta's Graph API (WhatsApp Cloud API and Messenger Send API share it): JSON
 * posts with the bearer token, Meta's error bodies turned into transient or final failures.
 */
export function createGraphSender(options: GraphSenderOptions): ChannelSender {
  return {
    async send(message) {
      let first: string | undefined;
      for (const { path, body } of options.toRequests(message)) {
        let response: Response;
        try {
          response = await fetch(`${options.graphUrl}${path}`, {
            method: "POST",
            headers: { authorization: `Bearer ${options.accessToken}`, "content-type": "application/json" },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(15_000),
          });
        } catch (error) {
          throw options.fromNetworkError(error);
        }
        const answer: unknown = await response.json().catch(() => undefined);
        if (!response.ok) throw options.toSendError(response.status, answer);
        const id = options.readId(answer);
        if (!id)
          throw new ChannelSendError(
            true,
            "channel_answer_unreadable",
            "The channel did not say the message's id",
          );
        first ??= id;
      }
      if (!first) throw new ChannelSendError(false, "nothing_to_send", "The message has nothing to send");
      return { externalId: first };
    },
  };
}
