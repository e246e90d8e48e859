import { beforeAll, describe, expect, it } from "vitest";
import { api, clientId } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;
let other: TestTenant;
/** The queue's conversations in the order they started, oldest first. */
const started: string[] = [];

beforeAll(async () => {
  [tenant, other] = await Promise.all([createTenant(stack), createTenant(stack)]);
  for (let i = 0; i < 7; i++) {
    const customer = await tenant.customer();
    const { body } = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: `Consulta ${i}` },
    });
    started.push(body.conversation.conversationId);
  }
});

type Page = { conversations: { conversationId: string }[]; nextCursor?: string };

async function inbox(token: string, query: string) {
  return api(stack.url, `/api/agent/inbox?${query}`, { token });
}

async function allPages(token: string, view: string, limit: number) {
  const pages: string[][] = [];
  let after: string | undefined;
  do {
    const { status, body } = await inbox(
      token,
      `view=${view}&limit=${limit}${after ? `&after=${encodeURIComponent(after)}` : ""}`,
    );
    expect(status).toBe(200);
    const page = body as Page;
    pages.push(page.conversations.map((c) => c.conversationId));
    after = page.nextCursor;
  } while (after);
  return pages;
}

describe("the inbox a page at a time", () => {
  it("walks the whole queue, oldest first, each conversation once, and says when it has ended", async () => {
    const ana = tenant.agents[0]!;

    const pages = await allPages(ana.token, "queue", 3);

    expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
    expect(pages.flat()).toEqual(started);
  });

  it("walks an agent's own conversations newest first", async () => {
    const bruno = tenant.agents[1]!;
    const taken = started.slice(0, 4);
    for (const id of taken) {
      await api(stack.url, `/api/agent/conversations/${id}/take`, { method: "POST", token: bruno.token });
    }

    const pages = await allPages(bruno.token, "mine", 2);

    expect(pages.map((page) => page.length)).toEqual([2, 2]);
    expect(pages.flat()).toEqual([...taken].reverse());
  });

  it("refuses a cursor it did not give out with 400, and a cursor from another tenant shows nothing of that tenant", async () => {
    const ana = tenant.agents[0]!;
    const garbage = await inbox(ana.token, "view=queue&after=not-a-cursor");
    expect([garbage.status, garbage.body.error.code]).toEqual([400, "invalid_request"]);

    const { body } = await inbox(ana.token, "view=queue&limit=1");
    const foreign = await inbox(other.agents[0]!.token, `view=queue&after=${body.nextCursor}`);
    expect(foreign.status).toBe(200);
    const seen = (foreign.body as Page).conversations.map((c) => c.conversationId);
    expect(seen.filter((id) => started.includes(id))).toEqual([]);
  });
});
