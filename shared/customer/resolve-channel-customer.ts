import type { ChannelContact, ExternalChannel } from "../channels/inbound.js";
import { newId } from "../ids.js";
import type { Ports } from "../ports.js";
import { claimCustomerKeys, customerKey, findCustomerByKey } from "./customer-keys.js";

function keysOf(channel: ExternalChannel, contact: ChannelContact) {
  return [
    ...(channel === "messenger" ? [customerKey.messenger(contact.address)] : []),
    ...(contact.phone ? [customerKey.phone(contact.phone)] : []),
    ...(contact.email ? [customerKey.email(contact.email)] : []),
  ];
}

/**
 * The customer who wrote from this phone, account or address: the one already known by any
 * of them, or a new one. Concurrent first messages from the same person end with one
 * customer: the key is claimed conditionally and the loser takes the winner's.
 */
export async function resolveChannelCustomer(
  ports: Pick<Ports, "db" | "clock">,
  tenantId: string,
  channel: ExternalChannel,
  contact: ChannelContact,
) {
  const keys = keysOf(channel, contact);
  for (const [index, key] of keys.entries()) {
    const known = await findCustomerByKey(ports, tenantId, key);
    if (known) {
      // The keys looked up before this one are nobody's yet; those after it may be his already.
      const others = keys.filter((_, i) => i !== index);
      if (others.length > 0) await claimCustomerKeys(ports, tenantId, known, others);
      return known;
    }
  }

  const candidate = newId("customer");
  const [first, ...others] = keys;
  const [taken] = first ? await claimCustomerKeys(ports, tenantId, candidate, [first]) : [];
  if (taken) return taken.customerId;
  await ports.db.customer
    .create({
      tenantId,
      customerId: candidate,
      ...(contact.name && { name: contact.name }),
      ...(contact.phone && { phone: customerKey.phone(contact.phone).slice("phone:".length) }),
      ...(contact.email && { email: contact.email.toLowerCase() }),
      createdAt: ports.clock.now().toISOString(),
    })
    .go();
  await claimCustomerKeys(ports, tenantId, candidate, others);
  return candidate;
}
