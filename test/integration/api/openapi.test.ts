import { beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "../../../functions/http/apis/openapi-document.js";
import { api } from "../../support/api.js";
import { createTenant, type TestTenant, useStack } from "../../support/stack.js";

const stack = useStack();

type Operation = { responses?: Record<string, unknown>; security?: Record<string, string[]>[] };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>> };

let document: Document;

const operations = () =>
  Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ method, path, operation })),
  );

/** Routes anyone may call: sign-in, the widget's tenant page and session start. */
const PUBLIC = new Set([
  "post /api/auth/login",
  "post /api/auth/refresh",
  "get /api/customer/tenants/{tenantId}",
  "post /api/customer/sessions",
]);

beforeAll(async () => {
  const { status, body } = await api(stack.url, "/openapi.json");
  expect(status).toBe(200);
  document = body;
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 and describes the customer, agent and auth APIs", () => {
    const paths = Object.keys(document.paths);

    expect(document.openapi).toBe("3.1.0");
    expect(paths).toEqual(
      expect.arrayContaining([
        "/api/auth/login",
        "/api/customer/sessions",
        "/api/customer/conversations",
        "/api/customer/conversations/{conversationId}/messages",
        "/api/customer/uploads",
        "/api/agent/inbox",
        "/api/agent/conversations/{conversationId}/take",
        "/api/agent/conversations/{conversationId}/finalize",
        "/api/agent/conversations/{conversationId}/messages/{seq}/attachments/{attachmentId}",
      ]),
    );
    expect(paths.every((path) => /^\/api\/(auth|customer|agent|care|admin)\//.test(path))).toBe(true);
  });

  it("is the same document the site ships for AWS, where no one Lambda holds every route", () => {
    expect(JSON.parse(JSON.stringify(openApiDocument()))).toEqual(document);
  });

  it("documents a success and the error body for every operation", () => {
    const undocumented = operations().filter(({ operation }) => {
      const statuses = Object.keys(operation.responses ?? {});
      return !statuses.some((s) => s.startsWith("2")) || !statuses.some((s) => s.startsWith("4"));
    });

    expect(operations().length).toBeGreaterThanOrEqual(20);
    expect(undocumented.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it("declares the bearer token on every operation that needs one", () => {
    const needsToken = operations().filter(({ method, path }) => !PUBLIC.has(`${method} ${path}`));

    const undeclared = needsToken.filter(
      ({ operation }) => !operation.security?.some((requirement) => "bearer" in requirement),
    );

    expect(needsToken.length).toBeGreaterThan(15);
    expect(undeclared.map(({ method, path }) => `${method} ${path}`)).toEqual([]);
  });

  it("documents the statuses the API really answers", async () => {
    const tenant: TestTenant = await createTenant(stack, { agents: 1 });
    const agent = tenant.agents[0]!;
    const customer = await tenant.customer();
    const tooLongId = `cnv_${"A".repeat(40)}`;
    const calls = [
      {
        method: "post",
        path: "/api/agent/conversations/{conversationId}/take",
        url: `/api/agent/conversations/${tooLongId}/take`,
        token: agent.token,
      },
      {
        method: "get",
        path: "/api/customer/conversations/{conversationId}/messages/{seq}/attachments/{attachmentId}",
        url: "/api/customer/conversations/cnv_1/messages/first/attachments/att_1",
        token: customer.token,
      },
      {
        method: "get",
        path: "/api/agent/customers/{customerId}/conversations",
        url: `/api/agent/customers/${"c".repeat(61)}/conversations`,
        token: agent.token,
      },
      {
        method: "post",
        path: "/api/customer/conversations",
        url: "/api/customer/conversations",
        token: customer.token,
        rawBody: "{",
      },
      { method: "get", path: "/api/agent/me", url: "/api/agent/me", token: agent.token },
    ];

    const answered = await Promise.all(
      calls.map(async ({ method, url, token, rawBody }) => {
        const answer = await api(stack.url, url, { method: method.toUpperCase(), token, rawBody });
        return answer.status;
      }),
    );

    const undocumented = calls.flatMap(({ method, path }, i) => {
      const documented = Object.keys(document.paths[path]?.[method]?.responses ?? {});
      return documented.includes(String(answered[i])) ? [] : [`${method} ${path} answered ${answered[i]}`];
    });
    expect(undocumented).toEqual([]);
  });
});

describe("the health check", () => {
  it("answers ok with every service it depends on", async () => {
    const { status, body } = await api(stack.url, "/health");

    expect(status).toBe(200);
    expect(body).toEqual({
      status: "ok",
      services: { dynamodb: "ok", s3: "ok", cognito: "ok", websocket: "ok" },
    });
  });
});
