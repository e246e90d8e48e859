import { createHash } from "node:crypto";
import { z } from "zod";
import { UnauthorizedError } from "../errors.js";
import { issueCustomerSession } from "../identity/customer-session.js";
import { isValidCustomerSignature } from "../identity/customer-signature.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import { getTenant, TenantId } from "../tenant/index.js";

export const StartCustomerSessionInput = z
  .object({
    tenantId: TenantId,
    /** The host site's own id for its logged-in customer; requires `signature`. */
    externalId: z.string().min(1).max(200).optional(),
    signature: z
      .string()
      .regex(/^[0-9a-f]{64}$/, "signature is a hex HMAC-SHA256")
      .optional(),
    name: z.string().trim().min(1).max(120).optional(),
    email: z.email().max(254).optional(),
  })
  .refine((input) => (input.externalId === undefined) === (input.signature === undefined), {
    message: "externalId and signature go together",
    path: ["signature"],
  });
export type StartCustomerSessionInput = z.input<typeof StartCustomerSessionInput>;

/** Identified customers get a stable id derived from the host's id, so every device finds the same history. */
function identifiedCustomerId(tenantId: string, externalId: string) {
  const digest = createHash("sha256").update(`${tenantId}\n${externalId}`).digest("base64url").slice(0, 32);
  return `cus_x${digest}`;
}

/**
 * Opens a widget session: anonymous (a new customer) or identified by the host site's signed
 * customer id. A missing or wrong signature never yields someone else's identity.
 */
export async function startCustomerSession(
  ports: Pick<Ports, "db" | "clock">,
  sessionSecret: Uint8Array,
  input: StartCustomerSessionInput,
) {
  const { tenantId, externalId, signature, name, email } = StartCustomerSessionInput.parse(input);
  const tenant = await getTenant(ports, tenantId);

  let customerId: string;
  if (externalId && signature) {
    if (!isValidCustomerSignature(tenant.identitySecret, externalId, signature)) {
      throw new UnauthorizedError("The customer signature does not match", "invalid_signature");
    }
    customerId = identifiedCustomerId(tenantId, externalId);
  } else {
    customerId = newId("customer");
  }

  const now = ports.clock.now().toISOString();
  await ports.db.customer
    .upsert({
      tenantId,
      customerId,
      ...(externalId && { externalId }),
      ...(name && { name }),
      ...(email && { email }),
    })
    .ifNotExists({ createdAt: now })
    .go();
  const token = await issueCustomerSession(sessionSecret, { tenantId, customerId });
  return { token, customerId, tenantId, identified: Boolean(externalId) };
}
