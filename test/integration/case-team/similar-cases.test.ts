import { beforeAll, describe, expect, it } from "vitest";
import { SIMILAR_SEARCH_WINDOW } from "../../../shared/case-team/index.js";
import { newId } from "../../../shared/ids.js";
import { api, clientId } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant(stack), createTenant(stack)]);
});

const post = (path: string, token: string, body?: unknown) =>
  api(stack.url, `/api/agent${path}`, { method: "POST", token, body });

/** A case as a customer opens it and an agent attends it; closed with `disposition` when given. */
async function attendedCase(
  owner: TestTenant,
  story: { text: string; replies?: string[]; note?: string; disposition?: string },
) {
  const agent = owner.agents[0]!;
  const customer = await owner.customer();
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: story.text },
  });
  const conversationId = started.body.conversation.conversationId as string;
  await post(`/conversations/${conversationId}/take`, agent.token);
  for (const text of story.replies ?? []) {
    await post(`/conversations/${conversationId}/messages`, agent.token, {
      clientMessageId: clientId(),
      text,
    });
  }
  if (story.note)
    await post(`/conversations/${conversationId}/notes`, agent.token, {
      clientId: clientId(),
      text: story.note,
    });
  if (story.disposition) {
    const closed = await post(`/conversations/${conversationId}/finalize`, agent.token, {
      disposition: story.disposition,
    });
    expect(closed.status).toBe(200);
  }
  return conversationId;
}

async function similar(owner: TestTenant, conversationId: string) {
  const { status, body } = await api(stack.url, `/api/agent/conversations/${conversationId}/similar`, {
    token: owner.agents[0]!.token,
  });
  expect(status).toBe(200);
  return body.cases as {
    conversationId: string;
    reasons: string[];
    solution: { agentMessages: { text: string }[]; notes: { text: string }[] };
  }[];
}

describe("similar past cases", () => {
  it("finds a past case by similar text, accents aside, with how it was solved, and no other tenant's", async () => {
    const past = await attendedCase(tenant, {
      text: "Me cobraron dos veces una compra en la tienda NBA",
      replies: ["Ya solicitamos la devolución del cargo duplicado"],
      note: "El comercio NBA duplica los cobros; se devuelve sin ticket",
      disposition: "refund_approved",
    });
    const unrelated = await attendedCase(tenant, {
      text: "Quiero cambiar la dirección de envío de mi tarjeta",
      disposition: "information_given",
    });
    const foreign = await attendedCase(other, {
      text: "Me cobraron dos veces una compra en la tienda NBA",
      disposition: "refund_approved",
    });

    const current = await attendedCase(tenant, {
      text: "Me llegaron 2 push de compra de la TIENDA NBA, ¿cobro doble?",
    });
    const cases = await similar(tenant, current);
    const ids = cases.map((c) => c.conversationId);
    expect(ids).toContain(past);
    expect(ids).not.toContain(unrelated);
    expect(ids).not.toContain(foreign);
    expect(ids).not.toContain(current);
    const found = cases.find((c) => c.conversationId === past)!;
    expect(found).toMatchObject({ disposition: "refund_approved", handledBy: "Agente 1", reasons: ["text"] });
    expect(found.solution.agentMessages.map((m) => m.text)).toEqual([
      "Ya solicitamos la devolución del cargo duplicado",
    ]);
    expect(found.solution.notes.map((n) => n.text)).toEqual([
      "El comercio NBA duplica los cobros; se devuelve sin ticket",
    ]);
  });

  it("finds a past case with the same disposition whatever its words", async () => {
    const past = await attendedCase(tenant, {
      text: "Hubo un problema con el cajero",
      disposition: "escalated",
    });
    const current = await attendedCase(tenant, {
      text: "Necesito hablar con riesgos",
      disposition: "escalated",
    });
    const found = (await similar(tenant, current)).find((c) => c.conversationId === past);
    expect(found?.reasons).toEqual(["disposition"]);
  });

  it(`looks only at the last ${SIMILAR_SEARCH_WINDOW} closed cases`, async () => {
    const owner = await createTenant(stack, { agents: 1 });
    const old = await attendedCase(owner, {
      text: "Reclamo por seguro de viaje duplicado",
      disposition: "refund_approved",
    });
    // Newer closed cases about something else fill the whole window.
    const base = Date.now() + 60_000;
    const { db } = stack.runtime.ports;
    for (let start = 0; start < SIMILAR_SEARCH_WINDOW; start += 25) {
      const items = Array.from({ length: 25 }, (_, i) => {
        const at = new Date(base + start + i).toISOString();
        return {
          tenantId: owner.tenantId,
          conversationId: newId("conversation"),
          customerId: "cus_filler",
          channel: "web" as const,
          status: "closed" as const,
          inboxKey: "closed",
          subject: "Alta de domiciliación",
          lastMessagePreview: "Listo",
          lastMessageAuthor: "agent" as const,
          messageSeq: 1,
          recentClientMessageIds: [],
          customerUnread: 0,
          agentUnread: 0,
          disposition: "information_given",
          createdAt: at,
          lastActivityAt: at,
          closedAt: at,
        };
      });
      await db.conversation.put(items).go();
    }
    const current = await attendedCase(owner, { text: "Me cobraron un seguro de viaje duplicado" });
    const cases = await similar(owner, current);
    expect(cases.map((c) => c.conversationId)).not.toContain(old);
    expect(cases.length).toBeLessThanOrEqual(10);
  });
});
