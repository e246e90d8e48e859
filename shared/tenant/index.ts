import { z } from "zod";
import { NotFoundError } from "../errors.js";
import type { Ports } from "../ports.js";
import { Queue } from "../queue/queue.js";

export const TenantId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$/, "tenant ids are 3-40 lowercase letters, digits or dashes");

export const Disposition = z.object({
  code: z.string().regex(/^[a-z0-9_]{1,40}$/),
  es: z.string().min(1).max(80),
  en: z.string().min(1).max(80),
});
export type Disposition = z.infer<typeof Disposition>;

/** A WhatsApp message template as Meta approved it; `{{1}}`, `{{2}}`… are its parameters. */
export const MessageTemplate = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/),
  language: z.string().min(2).max(15),
  category: z.enum(["UTILITY", "MARKETING", "AUTHENTICATION"]),
  body: z.string().min(1).max(1024),
});
export type MessageTemplate = z.infer<typeof MessageTemplate>;

export const TenantInfo = z.object({
  tenantId: TenantId,
  name: z.string().min(1).max(120),
  identitySecret: z.string().min(16),
  dispositions: z.array(Disposition).min(1),
  templates: z.array(MessageTemplate).default([]),
  /** Departments cases can be transferred to; without them, only general service. */
  queues: z.array(Queue).optional(),
});
export type TenantInfo = z.input<typeof TenantInfo>;

/** The tenant, or `tenant_not_found`. */
export async function getTenant(ports: Pick<Ports, "db">, tenantId: string) {
  const { data } = await ports.db.tenant.get({ tenantId }).go();
  if (!data) throw new NotFoundError("tenant");
  return data;
}

/** Creates or replaces a tenant's settings (used by the seed and by provisioning). */
export async function putTenant(ports: Pick<Ports, "db" | "clock">, input: TenantInfo) {
  const tenant = TenantInfo.parse(input);
  await ports.db.tenant.put({ ...tenant, createdAt: ports.clock.now().toISOString() }).go();
  return tenant;
}
