import { type Accessor, createEffect, createSignal, For, lazy, on, Show, Suspense } from "solid-js";
import type { AgentApi } from "../data/agent-api";
import { uploadFile } from "../data/attachments";
import { type CareEvent, createCareStore } from "../data/care-store";
import type {
  CareQuery,
  CareRecordInfo,
  CareTab,
  MessageTemplate,
  ServiceDecision,
  ServiceType,
  StaffIdentity,
} from "../data/console-types";
import { describeError } from "../data/describe-error";
import { useI18n } from "../providers/i18n-provider";
import { useNotices } from "../providers/notices-provider";
import { CareFilters } from "../ui/care-filters";
import { CareRecordDialog } from "../ui/care-record-dialog";
import { CareTable } from "../ui/care-table";
import { GenerateServiceDialog } from "../ui/generate-service-dialog";
import type { OutreachKind } from "../ui/outreach-dialog";

const OutreachDialog = lazy(() => import("../ui/outreach-dialog"));
/** The agent's guided script (issue 7), in its own chunk: loaded once he attends a contact with it. */
const GuidedContactPanel = lazy(() => import("../ui/guided-contact-panel"));

const TABS: readonly CareTab[] = ["sales_calls", "calls", "chats", "queries", "services"];

type Props = {
  api: AgentApi;
  staff: StaffIdentity;
  /** The latest back-office event pushed over the WebSocket. */
  event: Accessor<CareEvent | undefined>;
  /** The tenant's WhatsApp templates and outside channels, to answer a query by the means the customer gave. */
  templates: readonly MessageTemplate[];
  channels: ReadonlySet<string>;
  onOpenChat(conversationId: string): void;
};

const today = () => new Date().toISOString().slice(0, 10);

/**
 * "Atención al cliente" (seed 002): five tabs of records, each opening on its ABIERTA rows,
 * filtered on the server and paged; Copy and Print take the filtered table from the server.
 * Loaded only when first opened, so the conversation console's first load does not carry it.
 */
export default function CarePage(props: Props) {
  const { t, lang } = useI18n();
  const notices = useNotices();
  const report = (error: unknown) => notices.notify(() => describeError(error, t));
  const centralOffice = props.staff.role === "central_office";
  // Seed 002 opens on LLAMADAS VENTAS; the central office is here for the services.
  const first: CareTab = centralOffice ? "services" : "sales_calls";
  const store = createCareStore(props.api, { tab: first, status: "open" }, report);
  const [tab, setTab] = createSignal<CareTab>(first);
  const [viewing, setViewing] = createSignal<CareRecordInfo>();
  /** A record the guided panel moved on (a service generated, the contact closed): the dialog's copy of it is stale. */
  const [settledByGuide, setSettledByGuide] = createSignal<string>();
  const [generating, setGenerating] = createSignal<CareRecordInfo>();
  const [generateProblem, setGenerateProblem] = createSignal<string | null>(null);
  const [busyId, setBusyId] = createSignal<string>();
  const [answering, setAnswering] = createSignal<{ record: CareRecordInfo; kind: OutreachKind }>();
  const [guiding, setGuiding] = createSignal<string>();

  const show = (next: CareTab) => {
    setTab(next);
    void store.load({ tab: next, status: "open" });
  };
  show(first);

  createEffect(
    on(props.event, (event) => {
      if (!event) return;
      store.apply(event);
      if (event.name === "service.requested" && centralOffice) {
        const name = event.data.customerName ?? t("care.unknownCustomer");
        notices.notify(() => t("care.serviceRequested", { name }));
      }
    }),
  );

  async function act(record: CareRecordInfo, run: () => Promise<CareRecordInfo>) {
    setBusyId(record.recordId);
    try {
      store.replace(await run());
    } catch (error) {
      report(error);
      void store.reload();
    } finally {
      setBusyId(undefined);
    }
  }

  async function generate(type: ServiceType, note: string) {
    const record = generating();
    if (!record) return;
    setBusyId(record.recordId);
    setGenerateProblem(null);
    try {
      await props.api.generateService(record.recordId, { type, note });
      setGenerating(undefined);
      notices.notify(() => t("care.generated"));
      void store.reload();
    } catch (error) {
      setGenerateProblem(describeError(error, t));
    } finally {
      setBusyId(undefined);
    }
  }

  const exportQuery = (): CareQuery => {
    const { cursor: _cursor, limit: _limit, ...filters } = store.filters();
    return filters;
  };

  async function copy() {
    try {
      const text = await (await props.api.exportRecords(exportQuery(), "tsv", lang())).text();
      await navigator.clipboard.writeText(text);
      notices.notify(() => t("care.copied"));
    } catch (error) {
      notices.notify(() => (error instanceof DOMException ? t("care.copyFailed") : describeError(error, t)));
    }
  }

  async function print() {
    try {
      const pdf = await props.api.exportRecords(exportQuery(), "pdf", lang());
      const name = `atencion-${tab()}-${today()}.pdf`;
      const link = document.createElement("a");
      link.href = URL.createObjectURL(pdf);
      link.download = name;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      notices.notify(() => t("care.printed", { name }));
    } catch (error) {
      report(error);
    }
  }

  const decide = (record: CareRecordInfo, decision: ServiceDecision) =>
    void act(record, () => props.api.decideService(record.recordId, decision));

  return (
    <main class="care" aria-labelledby="care-heading">
      <h2 id="care-heading">{t("care.heading")}</h2>
      <div class="care-tabs" role="tablist" aria-label={t("care.tabs")}>
        <For each={TABS}>
          {(each) => (
            <button
              type="button"
              role="tab"
              id={`care-tab-${each}`}
              aria-selected={tab() === each}
              aria-controls="care-panel"
              tabIndex={tab() === each ? 0 : -1}
              onClick={() => show(each)}
              onKeyDown={(event) => {
                const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
                if (!step) return;
                const next = TABS[(TABS.indexOf(each) + step + TABS.length) % TABS.length]!;
                show(next);
                document.getElementById(`care-tab-${next}`)?.focus();
              }}
            >
              {t(`care.tab.${each}`)}
            </button>
          )}
        </For>
      </div>
      <section id="care-panel" role="tabpanel" aria-labelledby={`care-tab-${tab()}`}>
        <Show when={tab()} keyed>
          {(current) => (
            <CareFilters
              tab={current}
              busy={store.loading()}
              onFilter={(query) => void store.load(query)}
              onCopy={() => void copy()}
              onPrint={() => void print()}
            />
          )}
        </Show>
        <CareTable
          tab={tab()}
          records={store.records()}
          loading={store.loading()}
          hasMore={store.hasMore()}
          onMore={() => void store.more()}
          centralOffice={centralOffice}
          busyId={busyId()}
          onView={setViewing}
          onOpenChat={(record) => props.onOpenChat(record.recordId)}
          onClose={(record) => void act(record, () => props.api.closeRecord(record.recordId))}
          onGenerate={(record) => {
            setGenerateProblem(null);
            setGenerating(record);
          }}
          onDecide={decide}
        />
      </section>
      <Show when={viewing()} keyed>
        {(record) => (
          <CareRecordDialog
            record={record}
            onClose={() => {
              setViewing(undefined);
              setGuiding(undefined);
            }}
            guide={
              <Show when={guiding() === record.recordId}>
                <Suspense>
                  <GuidedContactPanel
                    contactId={record.recordId}
                    focusOnOpen
                    onChange={(contact) => {
                      // A service generated or the contact closed changes the record's row.
                      if (contact.serviceId || contact.phase === "closed") {
                        setSettledByGuide(record.recordId);
                        void store.reload();
                      }
                    }}
                  />
                </Suspense>
              </Show>
            }
          >
            <Show when={record.tab !== "services" && !centralOffice && guiding() !== record.recordId}>
              <button type="button" class="primary" onClick={() => setGuiding(record.recordId)}>
                {t(record.status === "open" ? "guided.open" : "guided.view")}
              </button>
            </Show>
            <Show
              when={
                (record.tab === "queries" || record.tab === "chats") && record.customerId && !centralOffice
              }
            >
              <Show when={record.email && props.channels.has("email")}>
                <button type="button" onClick={() => setAnswering({ record, kind: "email" })}>
                  {t("care.replyEmail")}
                </button>
              </Show>
              <Show when={record.phone && props.channels.has("whatsapp")}>
                <button type="button" onClick={() => setAnswering({ record, kind: "whatsapp" })}>
                  {t("care.replyWhatsApp")}
                </button>
              </Show>
            </Show>
            <Show
              when={
                record.tab !== "services" &&
                record.status === "open" &&
                settledByGuide() !== record.recordId &&
                !centralOffice
              }
            >
              <button
                type="button"
                onClick={() => {
                  setViewing(undefined);
                  setGenerateProblem(null);
                  setGenerating(record);
                }}
              >
                {t("care.generate")}
              </button>
            </Show>
          </CareRecordDialog>
        )}
      </Show>
      <Show when={answering()} keyed>
        {({ record, kind }) => (
          <Suspense>
            <OutreachDialog
              kind={kind}
              profile={{
                customerId: record.customerId ?? "",
                name: record.customerName,
                email: record.email,
                phone: record.phone,
              }}
              templates={props.templates}
              upload={(file) => uploadFile(props.api, file)}
              onSubmit={async (input) => {
                try {
                  const { conversation } = await props.api.startConversation(record.customerId ?? "", input);
                  notices.notify(() =>
                    t("outreach.started", { channel: t(`channel.${conversation.channel}`) }),
                  );
                  return null;
                } catch (error) {
                  return describeError(error, t);
                }
              }}
              onClose={() => setAnswering(undefined)}
            />
          </Suspense>
        )}
      </Show>
      <Show when={generating()} keyed>
        {(record) => (
          <GenerateServiceDialog
            record={record}
            busy={busyId() === record.recordId}
            problem={generateProblem()}
            onSubmit={(type, note) => void generate(type, note)}
            onClose={() => setGenerating(undefined)}
          />
        )}
      </Show>
    </main>
  );
}
