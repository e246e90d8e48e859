import { For, Show } from "solid-js";
import type { AuditEntry, DocumentInfo } from "../data/case-documents";
import { formatTime } from "../data/format";
import { isMessageKey } from "../i18n";
import { useI18n } from "../providers/i18n-provider";

type Props = {
  documents: readonly DocumentInfo[];
  trail: readonly AuditEntry[];
  /** The viewer has the case and may ask its customer for a document. */
  canRequest: boolean;
  now: number;
  onRequest(): void;
  onDownload(document: DocumentInfo): void;
};

/** The case's documents, asked for and received, and its audit trail: who did what, when. */
export function CaseDocuments(props: Props) {
  const { t, lang } = useI18n();
  const actor = (entry: AuditEntry) =>
    entry.actor.type === "staff"
      ? (entry.actor.name ?? entry.actor.id)
      : entry.actor.type === "customer"
        ? t("audit.customer")
        : t("audit.system");
  const what = (entry: AuditEntry) => {
    const key = `audit.${entry.action}`;
    const detail = entry.detail ?? {};
    const params = {
      title: String(detail.title ?? ""),
      name: String(detail.name ?? ""),
      description: String(detail.description ?? ""),
      destination: String(detail.maskedDestination ?? ""),
      queue: String(detail.toQueueId ?? ""),
    };
    return isMessageKey(key) ? t(key, params) : entry.action;
  };

  return (
    <>
      <section class="case-documents" aria-labelledby="documents-heading">
        <h3 id="documents-heading">{t("documents.heading")}</h3>
        <Show when={props.canRequest}>
          <button type="button" id="request-document" onClick={() => props.onRequest()}>
            {t("documents.request")}
          </button>
        </Show>
        <Show when={props.documents.length} fallback={<p class="muted">{t("documents.empty")}</p>}>
          <ul class="document-list">
            <For each={props.documents}>
              {(document) => (
                <li class="document-row">
                  <span class="row-subject">{document.title}</span>
                  <span class="row-meta">
                    <Show when={document.file} fallback={t("documents.pending")}>
                      {(file) => t("documents.received", { name: file().name })}
                    </Show>
                  </span>
                  <Show when={document.file}>
                    <button
                      type="button"
                      class="link-button"
                      aria-label={t("documents.downloadNamed", { title: document.title })}
                      onClick={() => props.onDownload(document)}
                    >
                      {t("documents.download")}
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
      <section class="case-trail" aria-labelledby="trail-heading">
        <h3 id="trail-heading">{t("audit.heading")}</h3>
        <Show when={props.trail.length} fallback={<p class="muted">{t("audit.empty")}</p>}>
          <ol class="trail">
            <For each={props.trail}>
              {(entry) => (
                <li class="trail-entry">
                  <time datetime={entry.at}>{formatTime(lang(), entry.at, props.now)}</time>{" "}
                  <strong>{actor(entry)}</strong> {what(entry)}
                </li>
              )}
            </For>
          </ol>
        </Show>
      </section>
    </>
  );
}
