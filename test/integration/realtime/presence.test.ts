import { beforeAll, describe, expect, it } from "vitest";
import type { PushedEvent } from "../../../events/catalog.js";
import { createEvent } from "../../../shared/event.js";
import type { CustomerIdentity } from "../../../shared/identity/index.js";
import type { Ports } from "../../../shared/ports.js";
import { decodeEntry, registerConnection } from "../../../shared/realtime/connections.js";
import { pushEvent } from "../../../shared/realtime/push-event.js";
import { openSocket } from "../../support/socket.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTenant(stack);
});

const db = () => stack.runtime.ports.db;

async function presentIds(tenantId: string, audience: string) {
  const { data } = await db().presence.get({ tenantId, audience }).go();
  return (data?.connections ?? []).map((entry) => decodeEntry(entry)!.connectionId);
}

async function until(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 5000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function agentReply(customer: { customerId: string }): PushedEvent {
  return createEvent(
    stack.runtime.ports.clock,
    "message.sent",
    tenant.tenantId,
    { type: "staff", id: "stf-test" },
    {
      conversationId: "cnv-presence",
      customerId: customer.customerId,
      message: {
        messageId: "msg-presence",
        clientMessageId: crypto.randomUUID(),
        seq: 2,
        author: "agent",
        authorId: "stf-test",
        text: "Hola",
        attachments: [],
        createdAt: new Date().toISOString(),
      },
    },
  );
}

/** The stack's ports with a pusher that records whom it was asked to reach. */
function recordingPorts(answer: "sent" | "gone") {
  const reached: string[] = [];
  const ports: Ports = {
    ...stack.runtime.ports,
    pusher: {
      push: async (connectionId) => {
        reached.push(connectionId);
        return answer;
      },
    },
  };
  return { ports, reached };
}

const identityOf = (customer: { customerId: string }): CustomerIdentity => ({
  kind: "customer",
  tenantId: tenant.tenantId,
  customerId: customer.customerId,
});

describe("who is connected", () => {
  it("lists an open socket under its customer, and forgets it and its record once it closes", async () => {
    const customer = await tenant.customer();
    const audience = `customer#${customer.customerId}`;
    const socket = await openSocket(stack.url, customer.token);
    const [connectionId] = await presentIds(tenant.tenantId, audience);
    expect(connectionId).toBeDefined();

    await socket.close();

    await until(async () => (await presentIds(tenant.tenantId, audience)).length === 0, "presence empties");
    expect((await db().connection.get({ connectionId: connectionId! }).go()).data).toBeNull();
  });

  it("pushes to every device of the customer, and to none of another customer", async () => {
    const [customer, other] = [await tenant.customer(), await tenant.customer()];
    const { ports, reached } = recordingPorts("sent");
    for (const [id, who] of [
      ["conn-phone", customer],
      ["conn-laptop", customer],
      ["conn-other", other],
    ] as const) {
      await registerConnection(ports, `${id}-${customer.customerId}`, identityOf(who));
    }

    await pushEvent(ports, agentReply(customer));

    expect(reached.filter((id) => id.endsWith(customer.customerId)).sort()).toEqual([
      `conn-laptop-${customer.customerId}`,
      `conn-phone-${customer.customerId}`,
    ]);
    expect(reached).not.toContain(`conn-other-${customer.customerId}`);
  });

  it("skips and takes out an entry older than API Gateway's two hours, or one it cannot read", async () => {
    const customer = await tenant.customer();
    const { ports, reached } = recordingPorts("sent");
    const threeHoursAgo = { now: () => new Date(Date.now() - 3 * 60 * 60 * 1000) };
    await registerConnection({ ...ports, clock: threeHoursAgo }, "conn-stale", identityOf(customer));
    await registerConnection(ports, "conn-fresh", identityOf(customer));
    await db()
      .presence.update({ tenantId: tenant.tenantId, audience: `customer#${customer.customerId}` })
      .add({ connections: ["not an entry"] })
      .go();

    await pushEvent(ports, agentReply(customer));

    expect(reached).toContain("conn-fresh");
    expect(reached).not.toContain("conn-stale");
    expect(await presentIds(tenant.tenantId, `customer#${customer.customerId}`)).toEqual(["conn-fresh"]);
  });

  it("forgets a connection the gateway reports gone, entry and record", async () => {
    const customer = await tenant.customer();
    const { ports, reached } = recordingPorts("gone");
    await registerConnection(ports, "conn-gone", identityOf(customer));

    await pushEvent(ports, agentReply(customer));

    expect(reached).toContain("conn-gone");
    expect(await presentIds(tenant.tenantId, `customer#${customer.customerId}`)).toEqual([]);
    expect((await db().connection.get({ connectionId: "conn-gone" }).go()).data).toBeNull();
  });
});
