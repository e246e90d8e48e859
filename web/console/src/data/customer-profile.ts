import { type Accessor, createResource, createSignal } from "solid-js";
import type { AgentApi } from "./agent-api";
import type { CustomerProfile, UpdateCustomerInput } from "./console-types";

export type ProfileFields = { name: string; phone: string; email: string; documentNumber: string };

const FIELDS = ["name", "phone", "email", "documentNumber"] as const;

export const profileFields = (profile: CustomerProfile | undefined): ProfileFields => ({
  name: profile?.name ?? "",
  phone: profile?.phone ?? "",
  email: profile?.email ?? "",
  documentNumber: profile?.documentNumber ?? "",
});

/**
 * Only what the agent changed goes to the server: every field recorded is a way to recognise
 * the customer, and re-sending one untouched would claim it again for nothing. A field emptied
 * is left as it was, since the API records and never erases.
 */
export function profileChanges(
  profile: CustomerProfile | undefined,
  fields: ProfileFields,
): UpdateCustomerInput {
  const before = profileFields(profile);
  const changes: UpdateCustomerInput = {};
  for (const field of FIELDS) {
    const value = fields[field].trim();
    if (value && value !== before[field]) changes[field] = value;
  }
  return changes;
}

/** The open conversation's customer's profile: fetched when he changes, saved field by field. */
export function createCustomerProfile(
  api: AgentApi,
  customerId: Accessor<string | undefined>,
  report: (error: unknown) => void,
) {
  const [profile, { mutate, refetch }] = createResource(customerId, (id) =>
    api.customer(id).catch((error: unknown) => {
      report(error);
      return undefined;
    }),
  );
  const [saving, setSaving] = createSignal(false);

  return {
    profile: () => profile(),
    loading: () => profile.loading,
    saving,
    /** Saves what changed; throws the API's refusal (`identity_taken`) for the form to explain. */
    async save(fields: ProfileFields) {
      const id = customerId();
      if (!id) return;
      const changes = profileChanges(profile(), fields);
      if (!Object.keys(changes).length) return;
      setSaving(true);
      try {
        const saved = await api.updateCustomer(id, changes);
        if (id !== customerId()) return;
        mutate(saved);
        // A fetch begun before the save would answer with the profile as it was; a new one supersedes it.
        void refetch();
      } finally {
        setSaving(false);
      }
    },
  };
}

export type CustomerProfileStore = ReturnType<typeof createCustomerProfile>;
