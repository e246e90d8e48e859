import { claimCustomerKeys, customerKey } from "../customer/customer-keys.js";
import { unlessConditionFails } from "../data/condition-failed.js";
import type { CustomerIdentity } from "../identity/index.js";
import type { Ports } from "../ports.js";

type Contact = { name: string; documentNumber: string; phone?: string; email?: string };

/**
 * What a customer wrote about himself in a query becomes his profile where it says nothing yet,
 * and his phone, address and document ways to recognise him, so a later WhatsApp or e-mail joins
 * him. A phone, address or document another customer is known by stays that customer's: two
 * people may share one, and merging them is a person's decision.
 */
export async function recordQueryContact(
  ports: Pick<Ports, "db">,
  customer: CustomerIdentity,
  contact: Contact,
) {
  const { tenantId, customerId } = customer;
  const keys = {
    phone: contact.phone && customerKey.phone(contact.phone),
    email: contact.email && customerKey.email(contact.email),
    documentNumber: customerKey.document(contact.documentNumber),
  };
  const claimed = Object.values(keys).filter((key): key is string => Boolean(key));
  const othersKeys = new Set(
    (await claimCustomerKeys(ports, tenantId, customerId, claimed)).map(({ key }) => key),
  );
  const { data: profile } = await ports.db.customer.get({ tenantId, customerId }).go();
  if (!profile) return;

  const ours = (field: keyof typeof keys) => keys[field] !== undefined && !othersKeys.has(keys[field]);
  const fill = {
    ...(!profile.name && { name: contact.name }),
    ...(!profile.phone && contact.phone && ours("phone") && { phone: contact.phone }),
    ...(!profile.email && contact.email && ours("email") && { email: contact.email.toLowerCase() }),
    ...(!profile.documentNumber && ours("documentNumber") && { documentNumber: contact.documentNumber }),
  };
  const fields = Object.keys(fill) as (keyof typeof fill)[];
  if (fields.length === 0) return;
  // Only into empty fields: an agent who recorded something meanwhile keeps what he wrote.
  await unlessConditionFails(
    ports.db.customer
      .patch({ tenantId, customerId })
      .set(fill)
      .where((attributes, { notExists }) => fields.map((field) => notExists(attributes[field])).join(" AND "))
      .go(),
  );
}
