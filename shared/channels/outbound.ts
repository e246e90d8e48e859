import type { ExternalChannel, MessageContent } from "./inbound.js";

/** A file to send, reachable by the provider at `url` for a few minutes (a presigned download). */
export type OutgoingFile = { name: string; contentType: string; size: number; url: string };

/** One of our messages, ready for a channel's sender: the domain's words, not the provider's. */
export type OutgoingMessage = {
  channel: ExternalChannel;
  /** Our account on the channel (phone_number_id, page id, our sending address). */
  accountId: string;
  /** The customer's address on the channel (wa_id, PSID, e-mail address). */
  to: string;
  text: string;
  content: MessageContent;
  files: OutgoingFile[];
  /** The provider id of the message this one answers. */
  replyToExternalId?: string;
  /** Messenger, between 24 h and 7 days after the customer last wrote: sent with the HUMAN_AGENT tag. */
  humanAgentTag?: boolean;
  /** E-mail only. */
  email?: {
    from: string;
    to: string[];
    cc: string[];
    subject: string;
    /** Our Message-ID for this e-mail, so that the customer's reply threads back to it. */
    messageId: string;
    inReplyTo?: string;
    references: string[];
  };
};

export type SendResult = { externalId: string };

/**
 * A provider refused or could not take a message. `transient` failures (the provider is down,
 * throttles, times out) are retried by the outbox with backoff; the others fail the message
 * with `code` and `message` shown to the agent.
 */
export class ChannelSendError extends Error {
  constructor(
    readonly transient: boolean,
    readonly code: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "ChannelSendError";
  }
}

/** One per provider; the outbox calls it and never learns which provider it talks to. */
export interface ChannelSender {
  send(message: OutgoingMessage): Promise<SendResult>;
}
