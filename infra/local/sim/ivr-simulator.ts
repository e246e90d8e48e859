import { randomUUID } from "node:crypto";
import type { CloudWatchLogsEvent } from "aws-lambda";
import { Hono } from "hono";
import { z } from "zod";
import type { ExternalEvent } from "../../../functions/events/consumers.js";
import { registerConnectRoute } from "../../../shared/calls/connect-routes.js";
import type { Ports } from "../../../shared/ports.js";
import { type ConnectInstance, logsSubscriptionEvent, queueArn } from "./connect-events.js";
import { type Emitted, hangUp, type IvrCall, pressKeys, QUEUES, startCall } from "./ivr-flow.js";
import { serveIvrPage } from "./ivr-page.js";

/** The demo tenant's Connect instance and IVR bot as the simulator plays them (seeded in seed.ts). */
export const LOCAL_CONNECT: ConnectInstance = {
  account: "111122223333",
  region: "us-east-1",
  instanceId: "5e1c0a7e-0000-4000-8000-000000000001",
  botId: "ATIENDEIVR",
};

/** Routes a Connect instance and its IVR bot to a tenant, its sales queue the simulated flow's. */
export async function registerSimulatedConnect(
  ports: Pick<Ports, "db">,
  tenantId: string,
  instance = LOCAL_CONNECT,
) {
  await registerConnectRoute(ports, {
    kind: "instance",
    resourceId: instance.instanceId,
    tenantId,
    salesQueueArns: [queueArn(instance, QUEUES.sales)],
  });
  await registerConnectRoute(ports, { kind: "lex_bot", resourceId: instance.botId, tenantId });
}

/** The demo tenant's phone line. */
export const LOCAL_IVR_NUMBER = "+5491150000001";

/** The log group the demo bot's conversation logs go to, as in AWS (service-stack.ts). */
const LEX_LOG_GROUP = "/aws/lex/AtiendeIvr";

/** Calls kept in memory: a simulator's calls last minutes, and a restart hangs them all up. */
const MAX_CALLS = 500;

export type IvrSimulatorOptions = {
  /** Puts contact events on the default bus, as Connect does. */
  putEvents: (events: ExternalEvent[]) => Promise<void>;
  /** Hands conversation-log entries to the log group's subscriber, as CloudWatch Logs does. */
  deliverLogs: (event: CloudWatchLogsEvent) => Promise<void>;
  /** The number customers dial. */
  systemEndpoint: string;
  /** Where the simulator app is mounted, for the page's own links. */
  basePath: string;
  now?: () => Date;
};

const StartCall = z.object({
  phone: z.string().regex(/^\+?\d{6,15}$/),
  /** Another instance and bot than the demo tenant's, for tests with tenants of their own. */
  instanceId: z.string().min(1).max(64).optional(),
  botId: z.string().min(1).max(64).optional(),
});
const Keys = z.object({ keys: z.string().regex(/^[0-9*#]{1,20}$/) });

/**
 * An Amazon Connect phone line with its IVR, at `/sim/ivr`: a keypad page to call as a customer,
 * and the flow behind it emitting Connect's contact events and the Lex bot's conversation logs in
 * their AWS shapes, so the consumers that build call records in AWS build them here too.
 */
export function createIvrSimulator(options: IvrSimulatorOptions) {
  const now = options.now ?? (() => new Date());
  const calls = new Map<string, { instance: ConnectInstance; call: IvrCall }>();

  async function emit(emitted: Emitted) {
    if (emitted.turns.length > 0)
      await options.deliverLogs(logsSubscriptionEvent(LEX_LOG_GROUP, emitted.turns));
    if (emitted.events.length > 0) await options.putEvents(emitted.events);
  }

  const view = (contactId: string, call: IvrCall) => ({
    contactId,
    prompt: call.prompt,
    stage: call.stage.kind,
    tags: call.contact.tags,
  });

  const app = new Hono();
  serveIvrPage(app, options.basePath);

  app.post("/api/calls", async (c) => {
    const parsed = StartCall.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return c.json({ error: { code: "invalid_request", message: z.prettifyError(parsed.error) } }, 400);
    const { phone, instanceId, botId } = parsed.data;
    const instance = { ...LOCAL_CONNECT, ...(instanceId && { instanceId }), ...(botId && { botId }) };
    const contactId = randomUUID();
    const started = startCall(
      instance,
      {
        contactId,
        phone: phone.startsWith("+") ? phone : `+${phone}`,
        systemEndpoint: options.systemEndpoint,
      },
      now,
    );
    if (calls.size >= MAX_CALLS) calls.delete(calls.keys().next().value!);
    calls.set(contactId, { instance, call: started.call });
    await emit(started.emitted);
    return c.json(view(contactId, started.call), 201);
  });

  app.post("/api/calls/:contactId/keys", async (c) => {
    const contactId = c.req.param("contactId");
    const current = calls.get(contactId);
    if (!current) return c.json({ error: { code: "call_not_found", message: "No such call" } }, 404);
    const parsed = Keys.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return c.json({ error: { code: "invalid_request", message: z.prettifyError(parsed.error) } }, 400);
    const next = pressKeys(current.instance, current.call, parsed.data.keys, now);
    calls.set(contactId, { ...current, call: next.call });
    await emit(next.emitted);
    return c.json(view(contactId, next.call));
  });

  app.post("/api/calls/:contactId/hangup", async (c) => {
    const contactId = c.req.param("contactId");
    const current = calls.get(contactId);
    if (!current) return c.json({ error: { code: "call_not_found", message: "No such call" } }, 404);
    const next = hangUp(current.instance, current.call, now);
    calls.set(contactId, { ...current, call: next.call });
    await emit(next.emitted);
    return c.json(view(contactId, next.call));
  });

  return { app };
}
