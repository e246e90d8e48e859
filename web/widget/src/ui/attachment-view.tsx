import { createResource, createSignal, Show } from "solid-js";
import type { AttachmentLink, MessageInfo } from "../data/api.js";
import { isImage } from "../data/file-check.js";
import { useI18n } from "../providers/i18n-provider.js";

type Props = {
  attachment: MessageInfo["attachments"][number];
  /** Asks for a fresh short-lived link; links expire in a minute, so one is never kept for later. */
  link: () => Promise<AttachmentLink>;
};

function DownloadButton(props: Props) {
  const { t, size } = useI18n();
  const [failed, setFailed] = createSignal(false);
  const download = async () => {
    try {
      const { url } = await props.link();
      setFailed(false);
      // The link answers with Content-Disposition: attachment, so the page stays where it is.
      window.location.assign(url);
    } catch {
      setFailed(true);
    }
  };
  return (
    <>
      <button type="button" class="attachment-download" onClick={download}>
        {t("download", { name: props.attachment.name })}
        <span class="muted"> ({size(props.attachment.size)})</span>
      </button>
      <Show when={failed()}>
        <span class="error-text" role="alert">
          {t("attachmentUnavailable", { name: props.attachment.name })}
        </span>
      </Show>
    </>
  );
}

/** An image shows inline; any other file (a PDF) is a download. */
export function AttachmentView(props: Props) {
  const { t } = useI18n();
  const [broken, setBroken] = createSignal(false);
  let reloaded = false;
  const [source, { refetch }] = createResource(
    () => isImage(props.attachment.contentType),
    async () => {
      try {
        return (await props.link()).url;
      } catch {
        setBroken(true);
        return undefined;
      }
    },
  );
  const onImageError = () => {
    // A link that expired before the image loaded gets one more try.
    if (reloaded) setBroken(true);
    else {
      reloaded = true;
      void refetch();
    }
  };
  return (
    <div class="attachment">
      <Show when={isImage(props.attachment.contentType) && !broken()}>
        <Show when={source()} fallback={<span class="image-placeholder" />}>
          {(url) => (
            <img class="attachment-image" src={url()} alt={props.attachment.name} onError={onImageError} />
          )}
        </Show>
      </Show>
      <Show when={broken()}>
        <span class="muted">{t("attachmentUnavailable", { name: props.attachment.name })}</span>
      </Show>
      <DownloadButton {...props} />
    </div>
  );
}
