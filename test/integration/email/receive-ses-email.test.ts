import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { DomainEvent } from "../../../events/catalog.js";
import {
  INBOUND_MAIL_PREFIX,
  receiveSesEmail,
  type SesReceipt,
  StoredMailMissingError,
} from "../../../functions/email/receive-ses-email.js";
import { consume as storeChannelMessages } from "../../../functions/events/channel-messages.js";
import { registerChannelAccount } from "../../../shared/channels/channel-accounts.js";
import { customerKey, findCustomerByKey } from "../../../shared/customer/customer-keys.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

/** What reached the bus: the store consumer is run on it by hand, as EventBridge would. */
const published: DomainEvent[] = [];
const stack = useStack({ publish: async (events) => void published.push(...events) });
const { ports } = stack.runtime;
let tenant: TestTenant;
let support: string;

beforeAll(async () => {
  tenant = await createTenant(stack, { agents: 1 });
  support = `soporte@${tenant.tenantId}.atiende.test`;
  await registerChannelAccount(ports, {
    channel: "email",
    accountId: support,
    tenantId: tenant.tenantId,
    label: support,
  });
});

/** A customer's mail as SES stores it: the raw message, CRLF line ends. */
function rawMail(from: string, messageId: string, subject: string) {
  return new TextEncoder().encode(
    [
      `From: Ana Pérez <${from}>`,
      `To: ${support}`,
      `Subject: ${subject}`,
      `Message-ID: ${messageId}`,
      "Date: Tue, 03 Mar 2026 10:00:00 +0000",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: 8bit",
      "",
      "Hola, no me llegó la tarjeta nueva.",
      "",
    ].join("\r\n"),
  );
}

/** One record of SES's receipt event, as its Lambda action sends it (what we read of it). */
function sesReceipt(sesMessageId: string, recipients: string[], virus = "PASS"): SesReceipt {
  return {
    mail: { messageId: sesMessageId },
    receipt: { recipients, virusVerdict: { status: virus } },
  };
}

/** A customer writes to the support address; SES stores the mail under its own id. */
async function mailStoredBySes(recipients = [support]) {
  const sesMessageId = randomBytes(20).toString("hex");
  const from = `ana.${randomBytes(4).toString("hex")}@example.com`;
  const messageId = `<${randomBytes(8).toString("hex")}@mail.example.com>`;
  await ports.files.put(
    `${INBOUND_MAIL_PREFIX}${sesMessageId}`,
    rawMail(from, messageId, "Mi tarjeta"),
    "message/rfc822",
  );
  return { record: sesReceipt(sesMessageId, recipients), from, messageId };
}

describe("a mail SES received and stored for the support domain", () => {
  it("is accepted for the tenant whose address it went to, and becomes an e-mail conversation", async () => {
    // Prepare
    const { record, from, messageId } = await mailStoredBySes([`otro@${tenant.tenantId}.test`, support]);

    // Act
    const outcome = await receiveSesEmail(ports, record);

    // Assess
    expect(outcome).toBe("accepted");
    const key = { tenantId: tenant.tenantId, channel: "email" as const, externalId: messageId };
    const { data: accepted } = await ports.db.externalMessage.get(key).go();
    expect(accepted).toMatchObject({ direction: "in", state: "received" });
    const event = published.find(
      (e) => e.name === "channel.message_accepted" && e.data.externalId === messageId,
    );
    expect(event).toMatchObject({ tenantId: tenant.tenantId, data: { channel: "email" } });

    await storeChannelMessages(ports, event!);

    const customerId = await findCustomerByKey(ports, tenant.tenantId, customerKey.email(from));
    expect(customerId).toBeDefined();
    const { data: conversations } = await ports.db.conversation.query
      .byCustomer({ tenantId: tenant.tenantId, customerId: customerId! })
      .go();
    expect(conversations).toEqual([
      expect.objectContaining({
        channel: "email",
        channelAccountId: support,
        contactAddress: from,
        emailSubject: "Mi tarjeta",
      }),
    ]);
    const { data: stored } = await ports.db.externalMessage.get(key).go();
    expect(stored?.state).toBe("stored");
  });

  it("is announced again while not yet in a conversation, and a duplicate once it is", async () => {
    // Prepare
    const { record, messageId } = await mailStoredBySes();
    expect(await receiveSesEmail(ports, record)).toBe("accepted");

    // Act
    const beforeStored = await receiveSesEmail(ports, record);
    const accepted = published.filter(
      (e) => e.name === "channel.message_accepted" && e.data.externalId === messageId,
    );
    await storeChannelMessages(ports, accepted[0]!);
    const afterStored = await receiveSesEmail(ports, record);

    // Assess
    expect(beforeStored).toBe("accepted");
    expect(accepted).toHaveLength(2);
    expect(afterStored).toBe("duplicate");
  });

  it("throws while the stored mail is missing, so that Lambda retries", async () => {
    // Prepare
    const record = sesReceipt(randomBytes(20).toString("hex"), [support]);

    // Act
    const receiving = receiveSesEmail(ports, record);

    // Assess
    await expect(receiving).rejects.toBeInstanceOf(StoredMailMissingError);
  });

  it("leaves mail for an address no tenant has unrouted, storing nothing", async () => {
    // Prepare
    const { record, messageId } = await mailStoredBySes(["nadie@nowhere.example"]);

    // Act
    const outcome = await receiveSesEmail(ports, record);

    // Assess
    expect(outcome).toBe("unrouted");
    const { data } = await ports.db.externalMessage
      .get({ tenantId: tenant.tenantId, channel: "email", externalId: messageId })
      .go();
    expect(data).toBeNull();
  });

  it("drops a mail SES found a virus in without reading it", async () => {
    // Prepare: nothing stored, so reading it would throw.
    const record = sesReceipt(randomBytes(20).toString("hex"), [support], "FAIL");

    // Act
    const outcome = await receiveSesEmail(ports, record);

    // Assess
    expect(outcome).toBe("infected");
  });

  it("refuses a message id that is not a plain object key", async () => {
    // Act
    const receiving = receiveSesEmail(ports, sesReceipt("../tenants/x/mail", [support]));

    // Assess
    await expect(receiving).rejects.toThrow();
  });
});
