import { documentKeyOf, nameKeyOf } from "../care/record.js";
import type { Ports } from "../ports.js";
import type { CustomerField } from "./script-tree.js";

type CustomerRecord = Partial<Record<CustomerField, string>>;

const digits = (text: string) => text.replace(/\D/g, "");

/** A national number said without the country code still matches: seven digits at least, at the end. */
const MIN_PHONE_DIGITS = 7;

/**
 * Whether what the customer said is what his record holds, as a person would judge it: names
 * without regard to case or accents, document numbers with or without dots, phones with or
 * without the country code, e-mail addresses in any case.
 */
export function matchesRecord(
  field: CustomerField,
  said: string | undefined,
  record: CustomerRecord | null | undefined,
) {
  const held = record?.[field];
  if (!said || !held) return false;
  switch (field) {
    case "name":
      return nameKeyOf(said) === nameKeyOf(held);
    case "documentNumber":
      return documentKeyOf(said) === documentKeyOf(held);
    case "phone": {
      const [a, b] = [digits(said), digits(held)];
      const shorter = a.length <= b.length ? a : b;
      return shorter.length >= MIN_PHONE_DIGITS && (a.endsWith(b) || b.endsWith(a));
    }
    case "email":
      return said.trim().toLowerCase() === held.trim().toLowerCase();
  }
}

/** The record a contact's answers are checked against: none for a caller nobody identified. */
export async function customerRecordOf(
  ports: Pick<Ports, "db">,
  tenantId: string,
  customerId: string | undefined,
) {
  if (!customerId) return undefined;
  const { data } = await ports.db.customer.get({ tenantId, customerId }).go();
  return data ?? undefined;
}
