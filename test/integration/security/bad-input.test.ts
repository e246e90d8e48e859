import { HeadObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { beforeAll, describe, expect, it } from "vitest";
import { contentSecurityPolicy } from "../../../infra/local/serve-web.js";
import { newId } from "../../../shared/ids.js";
import xss from "../../fixtures/xss.json" with { type: "json" };
import { api, clientId } from "../../support/api.js";
import { PNG, uploadFile } from "../../support/files.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();
let tenant: TestTenant;

const HTML = new TextEncoder().encode("<!doctype html><script>alert(document.cookie)</script>");

type Answer = Awaited<ReturnType<typeof api>>;

/** Every refusal is the one JSON error body, with a 4xx status. */
function expectError(answer: Answer, status: number, code: string) {
  expect({ status: answer.status, code: answer.body?.error?.code }).toEqual({ status, code });
  expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
  expect(answer.body.error.message).toEqual(expect.any(String));
  expect(Object.keys(answer.body)).toEqual(["error"]);
}

/** A customer with one conversation an agent has taken, and a way to see everything stored in it. */
async function conversationInProgress() {
  const customer = await tenant.customer();
  const agent = tenant.agents[0]!;
  const started = await api(stack.url, "/api/customer/conversations", {
    method: "POST",
    token: customer.token,
    body: { clientMessageId: clientId(), text: "hola" },
  });
  const conversationId = started.body.conversation.conversationId as string;
  await api(stack.url, `/api/agent/conversations/${conversationId}/take`, {
    method: "POST",
    token: agent.token,
  });
  const stored = async () => {
    const [asCustomer, asAgent, list] = await Promise.all([
      api(stack.url, `/api/customer/conversations/${conversationId}`, { token: customer.token }),
      api(stack.url, `/api/agent/conversations/${conversationId}`, { token: agent.token }),
      api(stack.url, "/api/customer/conversations", { token: customer.token }),
    ]);
    return { asCustomer: asCustomer.body, asAgent: asAgent.body, list: list.body };
  };
  return { customer, agent, conversationId, stored };
}

const upload = (token: string, file: { name: string; contentType: string; size: number }) =>
  api(stack.url, "/api/customer/uploads", { method: "POST", token, body: file });

const uploaded = (token: string, name: string, contentType: string, bytes: Uint8Array<ArrayBuffer>) =>
  uploadFile(stack.url, token, { name, contentType, bytes });

const objectKey = (customerId: string, attachmentId: string) =>
  `tenants/${tenant.tenantId}/uploads/${customerId}/${attachmentId}`;

async function headObject(key: string) {
  try {
    return await stack.runtime.clients.s3.send(
      new HeadObjectCommand({ Bucket: stack.config.bucketName, Key: key }),
    );
  } catch (error) {
    return (error as Error).name;
  }
}

async function uploadsOf(customerId: string) {
  const { Contents } = await stack.runtime.clients.s3.send(
    new ListObjectsV2Command({
      Bucket: stack.config.bucketName,
      Prefix: `tenants/${tenant.tenantId}/uploads/${customerId}/`,
    }),
  );
  return Contents ?? [];
}

beforeAll(async () => {
  tenant = await createTenant(stack, { agents: 1 });
});

describe("message text and request bodies", () => {
  it("refuses text over 4000 characters and stores nothing, in a new or an ongoing conversation", async () => {
    const { customer, agent, conversationId, stored } = await conversationInProgress();
    const before = await stored();
    const tooLong = "a".repeat(4001);

    const start = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: tooLong },
    });
    const fromCustomer = await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: tooLong },
    });
    const fromAgent = await api(stack.url, `/api/agent/conversations/${conversationId}/messages`, {
      method: "POST",
      token: agent.token,
      body: { clientMessageId: clientId(), text: tooLong },
    });

    for (const refused of [start, fromCustomer, fromAgent]) expectError(refused, 400, "invalid_request");
    expect(await stored()).toEqual(before);
    const atTheLimit = await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: "a".repeat(4000) },
    });
    expect(atTheLimit.status).toBe(201);
  });

  it("refuses a body over 64 KB before reading it", async () => {
    const { customer, conversationId, stored } = await conversationInProgress();
    const before = await stored();
    const huge = { clientMessageId: clientId(), text: "x".repeat(65 * 1024) };

    const start = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: huge,
    });
    const message = await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
      method: "POST",
      token: customer.token,
      body: huge,
    });

    expectError(start, 413, "payload_too_large");
    expectError(message, 413, "payload_too_large");
    expect(await stored()).toEqual(before);
  });

  it("answers malformed JSON with malformed_json and stores nothing", async () => {
    const { customer, conversationId, stored } = await conversationInProgress();
    const before = await stored();

    for (const rawBody of ['{"clientMessageId": "abcdefgh", "text": "hola"', "{'text': 'hola'}", "hola"]) {
      const start = await api(stack.url, "/api/customer/conversations", {
        method: "POST",
        token: customer.token,
        rawBody,
      });
      const message = await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
        method: "POST",
        token: customer.token,
        rawBody,
      });
      expectError(start, 400, "malformed_json");
      expectError(message, 400, "malformed_json");
    }
    expect(await stored()).toEqual(before);
  });

  it("answers unknown and garbage conversation ids with conversation_not_found", async () => {
    const { customer, agent } = await conversationInProgress();
    const ids = [
      newId("conversation"),
      `cnv_${"0".repeat(26)}`,
      "cnv_123",
      "nope",
      "null",
      "..%2F..%2Fetc%2Fpasswd",
      "cnv_' OR '1'='1",
      encodeURIComponent('{"$ne":null}'),
    ];

    for (const id of ids) {
      expectError(
        await api(stack.url, `/api/customer/conversations/${id}`, { token: customer.token }),
        404,
        "conversation_not_found",
      );
      expectError(
        await api(stack.url, `/api/customer/conversations/${id}/messages`, {
          method: "POST",
          token: customer.token,
          body: { clientMessageId: clientId(), text: "hola" },
        }),
        404,
        "conversation_not_found",
      );
      expectError(
        await api(stack.url, `/api/agent/conversations/${id}/take`, { method: "POST", token: agent.token }),
        404,
        "conversation_not_found",
      );
    }
  });

  it("refuses to close with a disposition the tenant does not have, leaving the conversation assigned", async () => {
    const { agent, conversationId, stored } = await conversationInProgress();
    const before = await stored();

    const refused = await api(stack.url, `/api/agent/conversations/${conversationId}/finalize`, {
      method: "POST",
      token: agent.token,
      body: { disposition: "made_up_code" },
    });

    expectError(refused, 400, "invalid_request");
    expect(refused.body.error.details.accepted).toContain("resolved");
    const after = await stored();
    expect(after).toEqual(before);
    expect(after.asAgent.conversation).toMatchObject({ status: "assigned", assigneeId: agent.staffId });
  });

  it("answers an unknown route with route_not_found", async () => {
    const agent = tenant.agents[0]!;
    const customer = await tenant.customer();

    expectError(await api(stack.url, "/api/nothing-here"), 404, "route_not_found");
    expectError(await api(stack.url, "/nothing-here"), 404, "route_not_found");
    expectError(await api(stack.url, "/api/agent/nothing", { token: agent.token }), 404, "route_not_found");
    expectError(
      await api(stack.url, "/api/agent/inbox", { method: "DELETE", token: agent.token }),
      404,
      "route_not_found",
    );
    expectError(
      await api(stack.url, "/api/customer/nothing", { method: "POST", token: customer.token, body: {} }),
      404,
      "route_not_found",
    );
  });
});

describe("uploads", () => {
  it("refuses HTML and SVG before handing out an upload URL", async () => {
    const customer = await tenant.customer();

    for (const contentType of ["text/html", "image/svg+xml", "application/x-msdownload"]) {
      const refused = await upload(customer.token, { name: "factura.pdf", contentType, size: 100 });
      expectError(refused, 415, "unsupported_media_type");
      expect(refused.body.url).toBeUndefined();
    }
    expect(await uploadsOf(customer.customerId)).toEqual([]);
  });

  it("refuses a file over 10 MB before handing out an upload URL", async () => {
    const customer = await tenant.customer();

    const refused = await upload(customer.token, {
      name: "escaneo.pdf",
      contentType: "application/pdf",
      size: 11 * 1024 * 1024,
    });

    expectError(refused, 413, "payload_too_large");
    expect(refused.body.error.details.maxBytes).toBe(10 * 1024 * 1024);
  });

  it("refuses a message claiming an attachment that was never uploaded, and stores no message", async () => {
    const { customer, conversationId, stored } = await conversationInProgress();
    const before = await stored();

    const neverUploaded = await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
      method: "POST",
      token: customer.token,
      body: {
        clientMessageId: clientId(),
        text: "",
        attachments: [{ attachmentId: newId("attachment"), name: "a.png" }],
      },
    });
    const requestedOnly = await upload(customer.token, {
      name: "b.png",
      contentType: "image/png",
      size: PNG.length,
    });
    const notPut = await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
      method: "POST",
      token: customer.token,
      body: {
        clientMessageId: clientId(),
        text: "mire",
        attachments: [{ attachmentId: requestedOnly.body.attachmentId, name: "b.png" }],
      },
    });
    const notAnId = await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
      method: "POST",
      token: customer.token,
      body: {
        clientMessageId: clientId(),
        text: "mire",
        attachments: [{ attachmentId: "../../x", name: "c.png" }],
      },
    });
    const newConversation = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: {
        clientMessageId: clientId(),
        text: "",
        attachments: [{ attachmentId: newId("attachment"), name: "a.png" }],
      },
    });

    for (const refused of [neverUploaded, notPut, notAnId, newConversation])
      expectError(refused, 400, "invalid_request");
    expect(await stored()).toEqual(before);
  });

  it("refuses a file whose bytes are not of its declared type, and deletes it from the bucket", async () => {
    const { customer, conversationId, stored } = await conversationInProgress();
    const before = await stored();
    const disguised = [
      { name: "contrato.pdf", contentType: "application/pdf", bytes: PNG },
      { name: "foto.png", contentType: "image/png", bytes: HTML },
      { name: "foto.jpg", contentType: "image/jpeg", bytes: HTML },
    ];

    for (const { name, contentType, bytes } of disguised) {
      const attachmentId = await uploaded(customer.token, name, contentType, bytes);
      const key = objectKey(customer.customerId, attachmentId);
      expect((await headObject(key)) as { ContentType?: string }).toMatchObject({ ContentType: contentType });

      const refused = await api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
        method: "POST",
        token: customer.token,
        body: { clientMessageId: clientId(), text: "", attachments: [{ attachmentId, name }] },
      });

      expectError(refused, 415, "unsupported_media_type");
      expect(await headObject(key)).toBe("NotFound");
    }
    expect(await stored()).toEqual(before);
    expect(await uploadsOf(customer.customerId)).toEqual([]);
  });

  it("refuses a disguised file in a conversation's first message too, and starts no conversation", async () => {
    const customer = await tenant.customer();
    const attachmentId = await uploaded(customer.token, "foto.png", "image/png", HTML);

    const refused = await api(stack.url, "/api/customer/conversations", {
      method: "POST",
      token: customer.token,
      body: { clientMessageId: clientId(), text: "mire", attachments: [{ attachmentId, name: "foto.png" }] },
    });

    expectError(refused, 415, "unsupported_media_type");
    expect(await headObject(objectKey(customer.customerId, attachmentId))).toBe("NotFound");
    const list = await api(stack.url, "/api/customer/conversations", { token: customer.token });
    expect(list.body.conversations).toEqual([]);
  });

  it("hands out an upload URL bound to one random key, the declared type and size, for five minutes", async () => {
    const customer = await tenant.customer();
    const file = { name: "foto.png", contentType: "image/png", size: PNG.length };

    const [first, second] = await Promise.all([upload(customer.token, file), upload(customer.token, file)]);

    const url = new URL(first.body.url);
    expect(decodeURIComponent(url.pathname)).toBe(
      `/${stack.config.bucketName}/${objectKey(customer.customerId, first.body.attachmentId)}`,
    );
    expect(url.searchParams.get("X-Amz-SignedHeaders")?.split(";")).toEqual(
      expect.arrayContaining(["content-length", "content-type", "host"]),
    );
    expect(url.searchParams.get("X-Amz-Expires")).toBe("300");
    expect(first.body.headers).toEqual({ "content-type": "image/png" });
    // Keys made one after the other share no guessable counter: ULIDs end in 80 random bits.
    const randomPart = (id: string) => id.slice(-16);
    expect(randomPart(first.body.attachmentId)).not.toBe(randomPart(second.body.attachmentId));
  });

  it("checks what was really stored, not what was declared: another type or a larger size is refused and deleted", async () => {
    // S3 itself refuses a PUT that differs from the signed headers; s3rver does not check V4
    // signatures, which lets this test store what a tampering client would, and see the API catch it.
    const { customer, conversationId, stored } = await conversationInProgress();
    const before = await stored();
    const asHtml = await upload(customer.token, {
      name: "foto.png",
      contentType: "image/png",
      size: HTML.length,
    });
    await fetch(asHtml.body.url, { method: "PUT", headers: { "content-type": "text/html" }, body: HTML });
    const oversized = await upload(customer.token, {
      name: "foto.png",
      contentType: "image/png",
      size: PNG.length,
    });
    await fetch(oversized.body.url, {
      method: "PUT",
      headers: oversized.body.headers,
      body: new Uint8Array(Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)])),
    });

    const claim = (attachmentId: string) =>
      api(stack.url, `/api/customer/conversations/${conversationId}/messages`, {
        method: "POST",
        token: customer.token,
        body: { clientMessageId: clientId(), text: "", attachments: [{ attachmentId, name: "foto.png" }] },
      });
    const html = await claim(asHtml.body.attachmentId);
    const big = await claim(oversized.body.attachmentId);

    expectError(html, 415, "unsupported_media_type");
    expectError(big, 413, "payload_too_large");
    expect(await uploadsOf(customer.customerId)).toEqual([]);
    expect(await stored()).toEqual(before);
  });
});

describe("a stored-XSS corpus (PayloadsAllTheThings, DOMPurify)", () => {
  const payloads = xss.items.map((item) => item.payload);

  it("stores every payload as plain text and gives it back byte for byte, as JSON that browsers will not sniff", async () => {
    const customer = await tenant.customer();
    const agent = tenant.agents[0]!;
    expect(payloads.length).toBeGreaterThan(40);

    // Conversations side by side, each carrying its share of the corpus; the agent answers each
    // with the share's first payload, so both directions are covered.
    const shares = Array.from({ length: 9 }, (_, k) => payloads.filter((_, i) => i % 9 === k));

    const threads = await Promise.all(
      shares.map(async (share) => {
        const started = await api(stack.url, "/api/customer/conversations", {
          method: "POST",
          token: customer.token,
          body: { clientMessageId: clientId(), text: share[0] },
        });
        const path = `/api/customer/conversations/${started.body.conversation.conversationId}`;
        const agentPath = path.replace("/customer/", "/agent/");
        const sent = [started];
        for (const text of share.slice(1)) {
          const body = { clientMessageId: clientId(), text };
          sent.push(
            await api(stack.url, `${path}/messages`, { method: "POST", token: customer.token, body }),
          );
        }
        await api(stack.url, `${agentPath}/take`, { method: "POST", token: agent.token });
        const body = { clientMessageId: clientId(), text: share[0] };
        sent.push(
          await api(stack.url, `${agentPath}/messages`, { method: "POST", token: agent.token, body }),
        );
        expect(sent.map((answer) => answer.status)).toEqual(Array(share.length + 1).fill(201));
        return Promise.all([
          api(stack.url, `${path}?limit=200`, { token: customer.token }),
          api(stack.url, `${agentPath}?limit=200`, { token: agent.token }),
        ]);
      }),
    );

    const texts = threads.map((views) =>
      views.map((view) => view.body.messages.map((m: { text: string }) => m.text)),
    );
    expect(texts).toEqual(
      shares.map((share) => [
        [...share, share[0]],
        [...share, share[0]],
      ]),
    );
    for (const view of threads.flat()) {
      expect(view.headers.get("content-type")).toMatch(/^application\/json/);
      expect(view.headers.get("x-content-type-options")).toBe("nosniff");
      expect(view.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
  });

  it("serves the console and the chat with a CSP that runs only our own scripts", async () => {
    const scriptSources = (policy: string) => {
      const directives = policy.split(";").map((d) => d.trim().split(/\s+/));
      const script =
        directives.find(([name]) => name === "script-src") ??
        directives.find(([name]) => name === "default-src");
      return script?.slice(1) ?? [];
    };
    const filesOrigin = `http://127.0.0.1:1`;

    for (const path of ["/console", "/chat"]) {
      const page = await fetch(stack.url + path);
      // Without a web build (web/dist empty) the pages are not served: check the policy they would get.
      const policy =
        page.status === 404
          ? contentSecurityPolicy(filesOrigin, path === "/chat" ? "any" : "none")
          : page.headers.get("content-security-policy");
      if (page.status !== 404) expect(page.status).toBe(200);
      expect(scriptSources(policy ?? "")).toEqual(["'self'"]);
      expect(policy).toContain("object-src 'none'");
      expect(policy).toContain("base-uri 'none'");
    }
    expect(contentSecurityPolicy(filesOrigin, "none")).toContain("frame-ancestors 'none'");
  });
});
