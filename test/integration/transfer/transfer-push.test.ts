import { beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "../../../shared/event.js";
import type { Ports } from "../../../shared/ports.js";
import { registerConnection } from "../../../shared/realtime/connections.js";
import { pushEvent } from "../../../shared/realtime/push-event.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;

beforeAll(async () => {
  tenant = await createTenant(stack);
});

describe("the transfer event", () => {
  it("reaches the staff's consoles and never the customer's widget", async () => {
    const customer = await tenant.customer();
    const agent = tenant.agents[1]!;
    const reached: string[] = [];
    const ports: Ports = {
      ...stack.runtime.ports,
      pusher: {
        push: async (connectionId) => {
          reached.push(connectionId);
          return "sent";
        },
      },
    };
    await registerConnection(ports, `widget-${customer.customerId}`, {
      kind: "customer",
      tenantId: tenant.tenantId,
      customerId: customer.customerId,
    });
    await registerConnection(ports, `console-${agent.staffId}`, {
      kind: "staff",
      tenantId: tenant.tenantId,
      staffId: agent.staffId,
      email: agent.email,
      name: agent.name,
      role: "agent",
    });

    await pushEvent(
      ports,
      createEvent(
        ports.clock,
        "conversation.transferred",
        tenant.tenantId,
        { type: "staff", id: "stf-1" },
        {
          conversationId: "cnv-transfer-push",
          customerId: customer.customerId,
          previousAssigneeId: "stf-1",
          fromQueueId: "general",
          toQueueId: "reclamos",
          handoverId: "hnd-1",
        },
      ),
    );

    expect(reached).toContain(`console-${agent.staffId}`);
    expect(reached).not.toContain(`widget-${customer.customerId}`);
  });
});
