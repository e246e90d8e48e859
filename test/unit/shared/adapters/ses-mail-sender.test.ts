import {
  AccountSuspendedException,
  InternalServiceErrorException,
  MailFromDomainNotVerifiedException,
  MessageRejected,
  SESv2Client,
  SendEmailCommand,
  TooManyRequestsException,
} from "@aws-sdk/client-sesv2";
import { mockClient } from "aws-sdk-client-mock";
import { simpleParser } from "mailparser";
import { afterEach, describe, expect, it } from "vitest";
import { createSesMailSender } from "../../../../shared/adapters/aws/ses-mail-sender.js";
import { ChannelSendError, type OutgoingMessage } from "../../../../shared/channels/outbound.js";

const FILE = new TextEncoder().encode("%PDF-1.4 factura");
const fetchFile = async () => FILE;

const reply: OutgoingMessage = {
  channel: "email",
  accountId: "soporte@atiende.test",
  to: "ana@example.com",
  text: "Hola Ana, adjunto la factura.",
  content: {
    kind: "email",
    subject: "Re: Factura",
    from: "soporte@atiende.test",
    to: ["ana@example.com"],
    cc: [],
  },
  files: [{ name: "factura.pdf", contentType: "application/pdf", size: FILE.byteLength, url: "https://f/1" }],
  email: {
    from: "Atención al cliente <soporte@atiende.test>",
    to: ["ana@example.com"],
    cc: ["jefe@example.com"],
    subject: "Re: Factura",
    messageId: "<msg_01JSES@atiende.test>",
    inReplyTo: "<q1@example.com>",
    references: ["<q1@example.com>"],
  },
};

const refused = { $metadata: { httpStatusCode: 400 } };

describe("sending e-mail with SES", () => {
  const client = new SESv2Client({ region: "eu-west-1" });
  const ses = mockClient(client);
  afterEach(() => ses.reset());

  it("sends the composed raw message to the e-mail's recipients, in the configuration set", async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: "0102019a-ses-id-000000" });
    const sender = createSesMailSender(client, { configurationSetName: "atiende-mail", fetchFile });

    // Act
    const result = await sender.send(reply);

    // Assess
    const calls = ses.commandCalls(SendEmailCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input).toEqual({
      FromEmailAddress: "soporte@atiende.test",
      Destination: { ToAddresses: ["ana@example.com"], CcAddresses: ["jefe@example.com"] },
      Content: { Raw: { Data: expect.any(Uint8Array) } },
      ConfigurationSetName: "atiende-mail",
    });
    const sent = await simpleParser(Buffer.from(input.Content!.Raw!.Data!));
    expect(sent.from?.value).toEqual([{ name: "Atención al cliente", address: "soporte@atiende.test" }]);
    expect(sent.messageId).toBe("<msg_01JSES@atiende.test>");
    expect(sent.inReplyTo).toBe("<q1@example.com>");
    expect(sent.subject).toBe("Re: Factura");
    expect(sent.attachments.map((file) => [file.filename, file.content.toString()])).toEqual([
      ["factura.pdf", "%PDF-1.4 factura"],
    ]);
    // SES puts its own Message-ID on the wire: that is what the customer's reply will quote.
    expect(result).toEqual({ externalId: "<0102019a-ses-id-000000@eu-west-1.amazonses.com>" });
  });

  it("leaves the configuration set out when none is given, and names us-east-1 ids as SES does", async () => {
    const east = new SESv2Client({ region: "us-east-1" });
    const sesEast = mockClient(east);
    sesEast.on(SendEmailCommand).resolves({ MessageId: "0100019a-id-000000" });

    const result = await createSesMailSender(east, { fetchFile }).send(reply);

    expect(sesEast.commandCalls(SendEmailCommand)[0]!.args[0].input).not.toHaveProperty(
      "ConfigurationSetName",
    );
    expect(result.externalId).toBe("<0100019a-id-000000@email.amazonses.com>");
    sesEast.restore();
  });

  it.each([
    [new MessageRejected({ message: "Email address is not verified.", ...refused }), "mail_rejected"],
    [
      new MailFromDomainNotVerifiedException({ message: "MAIL FROM domain not verified", ...refused }),
      "mail_from_not_verified",
    ],
    [new AccountSuspendedException({ message: "Account suspended", ...refused }), "mail_account_suspended"],
  ])("fails the message for good when SES refuses it: %s", async (refusal, code) => {
    ses.on(SendEmailCommand).rejects(refusal);

    const error = await createSesMailSender(client, { fetchFile })
      .send(reply)
      .catch((caught) => caught);

    expect(error).toBeInstanceOf(ChannelSendError);
    expect(error).toMatchObject({ transient: false, code, message: refusal.message });
  });

  it.each([
    [
      new TooManyRequestsException({ message: "Maximum sending rate exceeded.", $metadata: {} }),
      "mail_throttled",
    ],
    [new InternalServiceErrorException({ message: "Internal failure", $metadata: {} }), "mail_unreachable"],
    [Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }), "mail_unreachable"],
  ])("leaves the message to be retried when SES throttles or fails: %s", async (failure, code) => {
    ses.on(SendEmailCommand).rejects(failure);

    const error = await createSesMailSender(client, { fetchFile })
      .send(reply)
      .catch((caught) => caught);

    expect(error).toBeInstanceOf(ChannelSendError);
    expect(error).toMatchObject({ transient: true, code });
  });

  it("sends nothing for a message without e-mail headers", async () => {
    const error = await createSesMailSender(client, { fetchFile })
      .send({ ...reply, email: undefined })
      .catch((caught) => caught);

    expect(error).toMatchObject({ transient: false, code: "email_headers_missing" });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(0);
  });
});
