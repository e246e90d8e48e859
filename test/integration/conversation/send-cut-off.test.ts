import { beforeAll, describe, expect, it } from "vitest";
import { postCustomerMessage } from "../../../shared/conversation/post-message.js";
import type { Db } from "../../../shared/data/db.js";
import type { CustomerIdentity } from "../../../shared/identity/index.js";
import type { Ports } from "../../../shared/ports.js";
import { api, clientId } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTenant(stack);
});

/** The stack's ports, except that storing a message fails while `failing.on` (a send cut off after claiming its number). */
function cutOffPorts() {
  const failing = { on: true };
  const real = stack.runtime.ports.db;
  const message = new Proxy(real.message, {
    get(target, property, receiver) {
      if (property === "create" && failing.on) {
        return () => ({
          go: async () => {
            throw new Error("Task timed out after 6.00 seconds");
          },
        });
      }
      return Reflect.get(target, property, receiver);
    },
  });
  const db = { ...real, message } as Db;
  const ports: Ports = { ...stack.runtime.ports, db };
  return { ports, failing };
}

async function conversationOf(customer: { token: string; customerId: string }) {
  const { body } = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: "Tengo un cargo que no reconozco" },
  });
  const identity: CustomerIdentity = {
    kind: "customer",
    tenantId: tenant.tenantId,
    customerId: customer.customerId,
  };
  return { conversationId: body.conversation.conversationId as string, identity };
}

async function storedTexts(customer: { token: string }, conversationId: string) {
  const { body } = await api(stack.url, `/api/customer/conversations/${conversationId}`, {
    token: customer.token,
  });
  return body.messages.map((m: { seq: number; text: string }) => `${m.seq}:${m.text}`);
}

describe("a send cut off between claiming its number and storing the message", () => {
  for (const where of ["the same process", "another process"] as const) {
    it(`is finished by its retry in ${where}: same number, stored once, no gap after it`, async () => {
      const customer = await tenant.customer();
      const { conversationId, identity } = await conversationOf(customer);
      const { ports, failing } = cutOffPorts();
      const send = { clientMessageId: clientId(), text: "Son 35 euros del día 3" };

      await expect(postCustomerMessage(ports, identity, conversationId, send)).rejects.toThrow(/timed out/);
      failing.on = false;
      const retryPorts = where === "the same process" ? ports : stack.runtime.ports;
      const retried = await postCustomerMessage(retryPorts, identity, conversationId, send);
      const again = await postCustomerMessage(retryPorts, identity, conversationId, send);
      const next = await postCustomerMessage(retryPorts, identity, conversationId, {
        clientMessageId: clientId(),
        text: "¿Lo pueden revisar?",
      });

      expect([retried.message.seq, retried.duplicate]).toEqual([2, false]);
      expect([again.message.messageId, again.duplicate]).toEqual([retried.message.messageId, true]);
      expect(await storedTexts(customer, conversationId)).toEqual([
        "1:Tengo un cargo que no reconozco",
        "2:Son 35 euros del día 3",
        "3:¿Lo pueden revisar?",
      ]);
      expect(next.message.seq).toBe(3);
    });
  }
});
