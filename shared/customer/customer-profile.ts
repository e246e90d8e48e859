import { z } from "zod";
import { ConflictError, NotFoundError } from "../errors.js";
import type { StaffIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";
import { claimCustomerKeys, customerKey, findCustomerByKey } from "./customer-keys.js";

export const CustomerProfile = z.object({
  customerId: z.string(),
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  documentNumber: z.string().optional(),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;

export const UpdateCustomerInput = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  email: z.email().max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s().-]{8,20}$/, "a phone number in international format")
    .transform((phone) => `+${phone.replace(/\D/g, "")}`)
    .optional(),
  documentNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.-]{4,20}$/, "letters, digits, dots or dashes")
    .optional(),
});
export type UpdateCustomerInput = z.input<typeof UpdateCustomerInput>;

export async function getCustomerProfile(ports: Pick<Ports, "db">, staff: StaffIdentity, customerId: string) {
  const { data } = await ports.db.customer.get({ tenantId: staff.tenantId, customerId }).go();
  if (!data) throw new NotFoundError("customer");
  return CustomerProfile.parse(data);
}

/**
 * An agent records the customer's phone, e-mail or document number. Each becomes a way to
 * recognise him, so a WhatsApp or an e-mail from them later joins his timeline. A phone,
 * address or document that already identifies another customer is refused, naming nobody:
 * merging two people is not an agent's side effect.
 */
export async function updateCustomerProfile(
  ports: Pick<Ports, "db">,
  staff: StaffIdentity,
  customerId: string,
  input: UpdateCustomerInput,
) {
  const changes = UpdateCustomerInput.parse(input);
  await getCustomerProfile(ports, staff, customerId);
  const keys = [
    ...(changes.phone ? [customerKey.phone(changes.phone)] : []),
    ...(changes.email ? [customerKey.email(changes.email)] : []),
    ...(changes.documentNumber ? [customerKey.document(changes.documentNumber)] : []),
  ];
  const holders = await Promise.all(keys.map((key) => findCustomerByKey(ports, staff.tenantId, key)));
  const taken = keys.filter((_, i) => holders[i] && holders[i] !== customerId);
  const raced = taken.length === 0 ? await claimCustomerKeys(ports, staff.tenantId, customerId, keys) : [];
  if (taken.length > 0 || raced.length > 0) {
    throw new ConflictError("identity_taken", "Another customer is already known by this", {
      keys: [...taken, ...raced.map(({ key }) => key)].map((key) => key.split(":")[0]),
    });
  }
  const { data } = await ports.db.customer
    .patch({ tenantId: staff.tenantId, customerId })
    .set({
      ...changes,
      ...(changes.email && { email: changes.email.toLowerCase() }),
    })
    .go({ response: "all_new" });
  return CustomerProfile.parse(data);
}
