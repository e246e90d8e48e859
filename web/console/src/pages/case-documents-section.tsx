import { createEffect, createSignal, on } from "solid-js";
import { type AuditEntry, type DocumentInfo, documentActivity, openLink } from "../data/case-documents";
import type { MessageInfo } from "../data/console-types";
import { describeError } from "../data/describe-error";
import { useI18n } from "../providers/i18n-provider";
import { useNotices } from "../providers/notices-provider";
import { useSession } from "../providers/session-provider";
import { CaseDocuments } from "../ui/case-documents";
import { DocumentRequestDialog } from "../ui/document-request-dialog";

type Props = {
  conversationId: string;
  messages: readonly MessageInfo[];
  canRequest: boolean;
  now: number;
};

/**
 * The documents and audit trail of the open case, read again whenever a request or a file
 * shows up in its thread; loaded the first time a case is opened, apart from the console's
 * first load.
 */
export default function CaseDocumentsSection(props: Props) {
  const { api } = useSession();
  const { t } = useI18n();
  const { notify } = useNotices();
  const [documents, setDocuments] = createSignal<DocumentInfo[]>([]);
  const [trail, setTrail] = createSignal<AuditEntry[]>([]);
  const [asking, setAsking] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  const report = (error: unknown) => notify(() => describeError(error, t));

  const load = async (conversationId: string) => {
    try {
      const [listed, entries] = await Promise.all([
        api.documents(conversationId),
        api.caseAudit(conversationId),
      ]);
      if (conversationId !== props.conversationId) return;
      setDocuments(listed);
      setTrail(entries);
    } catch (error) {
      report(error);
    }
  };
  createEffect(
    on([() => props.conversationId, () => documentActivity(props.messages)], ([id]) => void load(id)),
  );

  const ask = async (request: { title: string; note: string }) => {
    setBusy(true);
    setProblem(null);
    try {
      await api.requestDocument(props.conversationId, {
        clientMessageId: crypto.randomUUID(),
        title: request.title,
        ...(request.note && { note: request.note }),
      });
      setAsking(false);
      await load(props.conversationId);
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const download = async (document: DocumentInfo) => {
    try {
      const { url } = await api.documentLink(props.conversationId, document.documentId);
      openLink(url);
      await load(props.conversationId);
    } catch (error) {
      report(error);
    }
  };

  return (
    <>
      <CaseDocuments
        documents={documents()}
        trail={trail()}
        canRequest={props.canRequest}
        now={props.now}
        onRequest={() => {
          setProblem(null);
          setAsking(true);
        }}
        onDownload={(document) => void download(document)}
      />
      <DocumentRequestDialog
        open={asking()}
        busy={busy()}
        problem={problem()}
        onConfirm={(request) => void ask(request)}
        onCancel={() => setAsking(false)}
      />
    </>
  );
}
