import { createEffect, createResource, createSignal } from "solid-js";
import { ApiError } from "../../../customer/src/data/customer-api.js";
import type { QueryInfo } from "../data/portal-api.js";
import {
  emptyForm,
  FIELDS,
  type Field,
  type Problems,
  problemsFromServer,
  type QueryForm,
  toSubmitInput,
  validateQueryForm,
} from "../data/query-form.js";
import type { MessageKey } from "../i18n.js";
import { useI18n } from "../providers/i18n-provider.js";
import type { ReadySession } from "../providers/session-provider.js";
import { PortalHeader } from "../ui/portal-header.js";
import { QueryFormView } from "../ui/query-form-view.js";
import { MEANS_TEXT, QueryList } from "../ui/query-list.js";

const FAILURE_TEXT: Record<number, MessageKey> = { 429: "errorRateLimited" };

/** The first field in error, focused so the customer lands on what to fix. */
function focusFirst(problems: Problems) {
  const first = FIELDS.find((field) => problems[field]);
  if (!first) return;
  const target = document.getElementById(first);
  (target?.matches("fieldset") ? target.querySelector("input") : target)?.focus();
}

/** "Mi cuenta": the customer's queries, and the form to send a new one. */
export function AccountPage(props: { ready: ReadySession; name?: string; email?: string }) {
  const { t } = useI18n();
  const { api, tenantName } = props.ready;
  createEffect(() => {
    document.title = t("pageTitle", { tenant: tenantName });
  });
  const [sentNow, setSentNow] = createSignal<QueryInfo[]>([]);
  const [listed, { refetch }] = createResource(async () => (await api.listQueries()).queries);
  const queries = () => {
    const loaded = listed.error ? undefined : listed();
    if (!loaded) return undefined;
    const known = new Set(loaded.map((query) => query.queryId));
    return [...sentNow().filter((query) => !known.has(query.queryId)), ...loaded];
  };

  const [form, setForm] = createSignal<QueryForm>(emptyForm(props.name, props.email));
  const [problems, setProblems] = createSignal<Problems>({});
  const [sending, setSending] = createSignal(false);
  const [announcement, setAnnouncement] = createSignal("");
  // One id per query written: a retry after a lost answer is the same submit, stored once.
  let clientRequestId = crypto.randomUUID();

  function change<F extends Field>(field: F, value: QueryForm[F]) {
    setForm({ ...form(), [field]: value });
    if (problems()[field]) setProblems({ ...problems(), [field]: undefined });
  }

  async function submit() {
    if (sending()) return;
    const found = validateQueryForm(form());
    const count = Object.values(found).filter(Boolean).length;
    setProblems(found);
    if (count > 0) {
      setAnnouncement(t("fixErrors", { n: count }));
      focusFirst(found);
      return;
    }
    setSending(true);
    setAnnouncement(t("sending"));
    try {
      const { query } = await api.submitQuery(toSubmitInput(form(), clientRequestId));
      clientRequestId = crypto.randomUUID();
      setSentNow([query, ...sentNow()]);
      // The customer's details stay for his next query; what he asked does not.
      setForm({ ...form(), subject: "", message: "" });
      setAnnouncement(
        t("sent", { subject: query.subject, means: t(MEANS_TEXT[query.preferredContact]).toLowerCase() }),
      );
    } catch (error) {
      const refused =
        error instanceof ApiError && error.status === 400 ? problemsFromServer(error.details) : {};
      setProblems(refused);
      focusFirst(refused);
      setAnnouncement(t(error instanceof ApiError ? (FAILURE_TEXT[error.status] ?? "notSent") : "notSent"));
    } finally {
      setSending(false);
    }
  }

  return (
    <div class="page">
      <PortalHeader tenantName={tenantName} />
      <main>
        <h1>{t("heading")}</h1>
        <p class="announcement" role="status" aria-live="polite" aria-atomic="true">
          {announcement()}
        </p>
        <div class="columns">
          <QueryFormView
            form={form()}
            problems={problems()}
            sending={sending()}
            onChange={change}
            onSubmit={submit}
          />
          <QueryList queries={queries()} failed={Boolean(listed.error)} onRetry={refetch} />
        </div>
      </main>
    </div>
  );
}
