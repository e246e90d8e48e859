import { createResource, For, Match, Show, Switch } from "solid-js";
import type { LoggedMessage, MessageContent, MessageInfo } from "../data/console-types";
import { formatSize } from "../data/format";
import {
  contentNotice,
  fileKind,
  type Label,
  messageSnippet,
  missingMediaLabel,
  openStreetMapUrl,
} from "../data/message-content";
import { useI18n } from "../providers/i18n-provider";
import { ApprovalCard } from "./approval-card";
import { CardView } from "./card-view";

type Props = {
  message: LoggedMessage;
  /** The earlier message this one answers or reacts to, when it is loaded. */
  quoted: MessageInfo | undefined;
  authorOf(message: MessageInfo): string;
  onDownload(message: MessageInfo, attachmentId: string): void;
  /** A short-lived address to show or play an attachment from. */
  fileUrl(message: MessageInfo, attachmentId: string): Promise<string>;
};

type Of<K extends MessageContent["kind"]> = Extract<MessageContent, { kind: K }>;

/** Kinds whose text only repeats what their own rendering shows. */
const TEXT_SHOWN_OTHERWISE = new Set<MessageContent["kind"]>([
  "location",
  "choice",
  "reaction",
  "contacts",
  "approval_request",
  "card",
]);

/** One message's content, whatever its kind. Everything is rendered as text, never as markup. */
export function MessageBody(props: Props) {
  const { t, lang } = useI18n();
  const m = () => props.message;
  const content = () => m().content;
  const label = (value: Label | { text: string }) =>
    "text" in value ? value.text : t(value.key, value.params);
  const notice = () => contentNotice(content());
  const showText = () => m().text && !(content() && TEXT_SHOWN_OTHERWISE.has(content()!.kind));

  return (
    <>
      <Show when={m().forwarded}>
        <p class="forwarded">
          <span aria-hidden="true">↪ </span>
          {t("content.forwarded")}
        </p>
      </Show>
      <Show when={m().replyToSeq !== undefined && content()?.kind !== "reaction"}>
        <blockquote class="quote">
          <Show when={props.quoted} fallback={t("content.replyToUnknown", { seq: m().replyToSeq ?? "" })}>
            {(quoted) => (
              <>
                <span class="visually-hidden">{t("content.replyTo")} </span>
                <span class="quote-author">{props.authorOf(quoted())}</span>
                <span class="quote-text">{label(messageSnippet(quoted()))}</span>
              </>
            )}
          </Show>
        </blockquote>
      </Show>
      <Show when={m().email}>
        {(email) => (
          <dl class="email-header">
            <dt>{t("email.subject")}</dt>
            <dd class="email-subject">{email().subject}</dd>
            <dt>{t("email.from")}</dt>
            <dd>{email().from}</dd>
            <dt>{t("email.to")}</dt>
            <dd>{email().to.join(", ")}</dd>
            <Show when={email().cc.length}>
              <dt>{t("email.cc")}</dt>
              <dd>{email().cc.join(", ")}</dd>
            </Show>
          </dl>
        )}
      </Show>
      <Show when={notice()}>
        {(line) => (
          <p class={`content-notice content-${content()?.kind}`}>
            {label(line())}
            <Show when={content()?.kind === "reaction" && props.quoted}>
              {(quoted) => <span class="quote-text"> {label(messageSnippet(quoted()))}</span>}
            </Show>
          </p>
        )}
      </Show>
      <Show when={showText()}>
        <p class="message-text">{m().text}</p>
      </Show>
      <Switch>
        <Match when={content()?.kind === "location" && (content() as Of<"location">)}>
          {(location) => (
            <p class="location">
              <Show when={location().name}>
                <span class="location-name">{location().name}</span>
              </Show>
              <Show when={location().address}>
                <span class="location-address">{location().address}</span>
              </Show>
              <a
                href={openStreetMapUrl(location().latitude, location().longitude)}
                target="_blank"
                rel="noopener noreferrer"
              >
                {t("content.openMap")}
                <span class="visually-hidden"> {t("content.newTab")}</span>
              </a>
            </p>
          )}
        </Match>
        <Match when={content()?.kind === "contacts" && (content() as Of<"contacts">)}>
          {(shared) => (
            <ul class="shared-contacts">
              <For each={shared().contacts}>
                {(contact) => (
                  <li>
                    <span class="contact-name">{contact.name || t("customer.unnamed")}</span>
                    <For each={contact.phones}>{(phone) => <span>{phone}</span>}</For>
                    <For each={contact.emails}>{(address) => <span>{address}</span>}</For>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
        <Match when={content()?.kind === "form" && (content() as Of<"form">)}>
          {(form) => (
            <table class="content-table">
              <caption class="visually-hidden">{t("content.form")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("content.formField")}</th>
                  <th scope="col">{t("content.formValue")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={form().fields}>
                  {(field) => (
                    <tr>
                      <th scope="row">{field.name}</th>
                      <td>{field.value}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          )}
        </Match>
        <Match when={content()?.kind === "order" && (content() as Of<"order">)}>
          {(order) => (
            <table class="content-table">
              <caption class="visually-hidden">{t("content.order")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("content.orderProduct")}</th>
                  <th scope="col">{t("content.orderQuantity")}</th>
                  <th scope="col">{t("content.orderPrice")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={order().items}>
                  {(item) => (
                    <tr>
                      <th scope="row">{item.productId}</th>
                      <td>{item.quantity}</td>
                      <td>
                        {item.price === undefined
                          ? "—"
                          : item.currency
                            ? new Intl.NumberFormat(lang(), {
                                style: "currency",
                                currency: item.currency,
                              }).format(item.price)
                            : item.price}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          )}
        </Match>
        <Match when={content()?.kind === "buttons" && (content() as Of<"buttons">)}>
          {(buttons) => (
            <ul class="sent-options" aria-label={t("content.buttons")}>
              <For each={buttons().buttons}>{(button) => <li>{button.title}</li>}</For>
            </ul>
          )}
        </Match>
        <Match when={content()?.kind === "list" && (content() as Of<"list">)}>
          {(list) => (
            <ul class="sent-options sent-list" aria-label={t("content.list", { label: list().buttonLabel })}>
              <For each={list().sections.flatMap((section) => section.rows)}>
                {(row) => (
                  <li>
                    {row.title}
                    <Show when={row.description}>
                      <span class="muted"> · {row.description}</span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Match>
        <Match when={content()?.kind === "approval_request" && (content() as Of<"approval_request">)}>
          {(card) => <ApprovalCard card={card()} />}
        </Match>
        <Match when={content()?.kind === "card" && (content() as Of<"card">)}>
          {(card) => <CardView card={card()} />}
        </Match>
        <Match when={content()?.kind === "unsupported" && (content() as Of<"unsupported">)}>
          {(unsupported) => (
            <Show when={unsupported().reason}>
              {(reason) => (
                <p class="content-reason">{t("content.unsupportedReason", { reason: reason() })}</p>
              )}
            </Show>
          )}
        </Match>
      </Switch>
      <Show when={m().attachments.length}>
        <ul class="message-attachments">
          <For each={m().attachments}>
            {(attachment) => {
              const kind = fileKind(attachment.contentType);
              const url = () => props.fileUrl(m(), attachment.attachmentId);
              return (
                <li>
                  <Switch>
                    <Match when={kind === "image"}>
                      <InlineFile kind="image" name={attachment.name} url={url} />
                    </Match>
                    <Match when={kind === "audio" || kind === "video"}>
                      <InlineFile kind={kind as "audio" | "video"} name={attachment.name} url={url} />
                    </Match>
                  </Switch>
                  <button
                    type="button"
                    class="attachment"
                    onClick={() => props.onDownload(m(), attachment.attachmentId)}
                  >
                    {t("message.download", { name: attachment.name })}
                  </button>{" "}
                  <span class="muted">{formatSize(lang(), attachment.size)}</span>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
      <Show when={m().missingMedia?.length}>
        <ul class="missing-media">
          <For each={m().missingMedia}>{(missing) => <li>{label(missingMediaLabel(missing))}</li>}</For>
        </ul>
      </Show>
    </>
  );
}

/** Loads its address only when shown; a failed link leaves just the download button. */
function InlineFile(props: { kind: "image" | "audio" | "video"; name: string; url: () => Promise<string> }) {
  const { t } = useI18n();
  const [src] = createResource(() => props.url().catch(() => undefined));
  return (
    <Show when={src()}>
      {(url) => (
        <Switch>
          <Match when={props.kind === "image"}>
            <img class="attachment-image" src={url()} alt={props.name} loading="lazy" />
          </Match>
          <Match when={props.kind === "audio"}>
            {/* biome-ignore lint/a11y/useMediaCaption: customers' voice notes come without captions; the download stays beside it. */}
            <audio class="attachment-player" controls preload="none" src={url()} aria-label={props.name}>
              {t("message.noPlayer")}
            </audio>
          </Match>
          <Match when={props.kind === "video"}>
            {/* biome-ignore lint/a11y/useMediaCaption: customers' videos come without captions; the download stays beside it. */}
            <video class="attachment-player" controls preload="none" src={url()} aria-label={props.name}>
              {t("message.noPlayer")}
            </video>
          </Match>
        </Switch>
      )}
    </Show>
  );
}
