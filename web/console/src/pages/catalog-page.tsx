import { createResource, createSignal, createUniqueId, For, Index, onCleanup, Show } from "solid-js";
import { createStore, produce } from "solid-js/store";
import type { AgentApi } from "../data/agent-api";
import { ApiError, networkError } from "../data/api-error";
import {
  CARD_BUTTON_TITLE_MAX,
  CARD_BUTTONS_MAX,
  CARD_FORM_FIELDS_MAX,
  CARD_IMAGE_MAX_BYTES,
  CARD_IMAGE_TYPES,
  CARD_LINKS_MAX,
  type CardFormField,
  type CatalogCard,
  cardLabel,
} from "../data/catalog";
import { describeError } from "../data/describe-error";
import { useI18n } from "../providers/i18n-provider";
import { useNotices } from "../providers/notices-provider";
import { CardView } from "../ui/card-view";

type FieldType = CardFormField["type"];
const FIELD_TYPES: readonly FieldType[] = ["text", "number", "date", "select"];

/** The editor's copy of a card: plain strings, turned into the API's shape on save. */
type Editing = {
  cardId?: string;
  revision?: number;
  topic: string;
  title: string;
  body: string;
  language: "es" | "en";
  tags: string;
  image?: { attachmentId: string; name: string; previewUrl?: string };
  buttons: string[];
  links: { title: string; url: string }[];
  form: { name: string; label: string; type: FieldType; options: string }[];
};

const blank = (): Editing => ({
  topic: "",
  title: "",
  body: "",
  language: "es",
  tags: "",
  buttons: [],
  links: [],
  form: [],
});

const fromCard = (card: CatalogCard): Editing => ({
  cardId: card.cardId,
  revision: card.revision,
  topic: card.topic,
  title: card.title,
  body: card.body,
  language: card.language,
  tags: card.tags.join(", "),
  ...(card.image && { image: { attachmentId: card.image.attachmentId, name: card.image.name } }),
  buttons: card.buttons.map((button) => button.title),
  links: card.links.map((link) => ({ ...link })),
  form: card.form.map((field) => ({ ...field, options: field.options?.join(", ") ?? "" })),
});

const list = (text: string) =>
  text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

function toDraft(editing: Editing) {
  return {
    topic: editing.topic,
    title: editing.title,
    body: editing.body,
    language: editing.language,
    tags: list(editing.tags),
    ...(editing.image && { image: { attachmentId: editing.image.attachmentId, name: editing.image.name } }),
    buttons: editing.buttons.map((title) => ({ title })),
    links: editing.links,
    form: editing.form.map((field) => ({
      name: field.name,
      label: field.label,
      type: field.type,
      ...(field.type === "select" && { options: list(field.options) }),
      required: true,
    })),
  };
}

/**
 * "Catálogo" (issue 6): the admin curates the cards agents send into cases, editing each with a
 * live preview. Loaded only when first opened.
 */
export default function CatalogPage(props: { api: AgentApi }) {
  const { t } = useI18n();
  const notices = useNotices();
  const id = createUniqueId();
  const [cards, { refetch }] = createResource(() => props.api.adminCards());
  const [editing, setEditing] = createStore<Editing>(blank());
  const [open, setOpen] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string | null>(null);
  let clientRequestId = crypto.randomUUID();
  let previewUrl: string | undefined;
  const dropPreview = () => {
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = undefined;
  };
  onCleanup(dropPreview);

  const start = (card?: CatalogCard) => {
    dropPreview();
    clientRequestId = crypto.randomUUID();
    setEditing(card ? fromCard(card) : blank());
    setProblem(null);
    setOpen(true);
  };

  async function upload(file: File) {
    if (!CARD_IMAGE_TYPES.includes(file.type) || file.size > CARD_IMAGE_MAX_BYTES) {
      setProblem(t("catalog.imageRule"));
      return;
    }
    setBusy(true);
    try {
      const target = await props.api.requestCardUpload({
        name: file.name,
        contentType: file.type,
        size: file.size,
      });
      const put = await fetch(target.url, { method: "PUT", headers: target.headers, body: file }).catch(
        () => {
          throw networkError();
        },
      );
      if (!put.ok) throw new ApiError(put.status, "upload_failed", "The upload was refused");
      dropPreview();
      previewUrl = URL.createObjectURL(file);
      setEditing("image", { attachmentId: target.attachmentId, name: file.name, previewUrl });
      setProblem(null);
    } catch (error) {
      setProblem(describeError(error, t));
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    setBusy(true);
    try {
      const draft = toDraft(editing);
      const saved =
        editing.cardId && editing.revision
          ? await props.api.updateCard(editing.cardId, { ...draft, revision: editing.revision })
          : await props.api.createCard({ ...draft, clientRequestId });
      setEditing(fromCard(saved));
      if (previewUrl) setEditing("image", "previewUrl", previewUrl);
      setProblem(null);
      notices.notify(() => t("catalog.saved", { title: saved.title }));
      void refetch();
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.code === "stale_card"
          ? t("catalog.stale")
          : describeError(error, t),
      );
    } finally {
      setBusy(false);
    }
  }

  async function archive(card: CatalogCard) {
    try {
      await props.api.archiveCard(card.cardId);
      notices.notify(() => t("catalog.archived", { title: card.title }));
      if (editing.cardId === card.cardId) setOpen(false);
      void refetch();
    } catch (error) {
      notices.notify(() => describeError(error, t));
    }
  }

  const preview = () => {
    const draft = toDraft(editing);
    return {
      ...draft,
      buttons: draft.buttons.map((button, index) => ({ id: `b${index + 1}`, title: button.title })),
      form: draft.form.map((field) => ({ ...field, required: true })),
    };
  };

  return (
    <main class="catalog-page" aria-labelledby={`${id}-title`}>
      <div class="catalog-list">
        <h2 id={`${id}-title`}>{t("section.catalog")}</h2>
        <button type="button" class="primary" onClick={() => start()}>
          {t("catalog.new")}
        </button>
        <ul aria-busy={cards.loading}>
          <For each={cards() ?? []} fallback={<li class="muted">{t("catalog.empty")}</li>}>
            {(card) => (
              <li classList={{ archived: card.state === "archived" }}>
                <span>{cardLabel(card)}</span>
                <Show
                  when={card.state === "active"}
                  fallback={<span class="muted"> · {t("catalog.stateArchived")}</span>}
                >
                  <button type="button" class="link-button" onClick={() => start(card)}>
                    {t("catalog.edit", { title: card.title })}
                  </button>
                  <button type="button" class="link-button" onClick={() => void archive(card)}>
                    {t("catalog.archive", { title: card.title })}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </div>
      <Show when={open()}>
        <form
          class="catalog-editor"
          aria-label={t("catalog.editor")}
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <div class="dialog-fields">
            <label for={`${id}-topic`}>{t("catalog.topic")}</label>
            <input
              id={`${id}-topic`}
              required
              maxLength={60}
              value={editing.topic}
              onInput={(e) => setEditing("topic", e.currentTarget.value)}
            />
            <label for={`${id}-title-input`}>{t("catalog.title")}</label>
            <input
              id={`${id}-title-input`}
              required
              maxLength={120}
              value={editing.title}
              onInput={(e) => setEditing("title", e.currentTarget.value)}
            />
            <label for={`${id}-body`}>{t("catalog.body")}</label>
            <textarea
              id={`${id}-body`}
              rows={4}
              maxLength={900}
              value={editing.body}
              onInput={(e) => setEditing("body", e.currentTarget.value)}
            />
            <label for={`${id}-tags`}>{t("catalog.tags")}</label>
            <input
              id={`${id}-tags`}
              value={editing.tags}
              onInput={(e) => setEditing("tags", e.currentTarget.value)}
            />
            <label for={`${id}-language`}>{t("catalog.language")}</label>
            <select
              id={`${id}-language`}
              value={editing.language}
              onChange={(e) => setEditing("language", e.currentTarget.value as "es" | "en")}
            >
              <option value="es">{t("lang.es")}</option>
              <option value="en">{t("lang.en")}</option>
            </select>
            <label for={`${id}-image`}>{t("catalog.image")}</label>
            <input
              id={`${id}-image`}
              type="file"
              accept={CARD_IMAGE_TYPES.join(",")}
              onChange={(e) => {
                const file = e.currentTarget.files?.[0];
                if (file) void upload(file);
                e.currentTarget.value = "";
              }}
            />
            <Show when={editing.image}>
              {(image) => (
                <p>
                  {image().name}{" "}
                  <button type="button" class="link-button" onClick={() => setEditing("image", undefined)}>
                    {t("catalog.removeImage")}
                  </button>
                </p>
              )}
            </Show>
          </div>

          <fieldset>
            <legend>{t("catalog.buttons", { max: CARD_BUTTONS_MAX })}</legend>
            <Index each={editing.buttons}>
              {(title, index) => (
                <p>
                  <label for={`${id}-button-${index}`}>{t("catalog.buttonTitle", { n: index + 1 })}</label>
                  <input
                    id={`${id}-button-${index}`}
                    required
                    maxLength={CARD_BUTTON_TITLE_MAX}
                    value={title()}
                    onInput={(e) => setEditing("buttons", index, e.currentTarget.value)}
                  />
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => setEditing("buttons", (all) => all.filter((_, i) => i !== index))}
                  >
                    {t("catalog.remove")}
                  </button>
                </p>
              )}
            </Index>
            <Show when={editing.buttons.length < CARD_BUTTONS_MAX}>
              <button type="button" onClick={() => setEditing("buttons", (all) => [...all, ""])}>
                {t("catalog.addButton")}
              </button>
            </Show>
          </fieldset>

          <fieldset>
            <legend>{t("catalog.links")}</legend>
            <Index each={editing.links}>
              {(link, index) => (
                <p>
                  <label for={`${id}-link-title-${index}`}>{t("catalog.linkTitle")}</label>
                  <input
                    id={`${id}-link-title-${index}`}
                    required
                    maxLength={80}
                    value={link().title}
                    onInput={(e) => setEditing("links", index, "title", e.currentTarget.value)}
                  />
                  <label for={`${id}-link-url-${index}`}>{t("catalog.linkUrl")}</label>
                  <input
                    id={`${id}-link-url-${index}`}
                    type="url"
                    required
                    pattern="https://.*"
                    value={link().url}
                    onInput={(e) => setEditing("links", index, "url", e.currentTarget.value)}
                  />
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => setEditing("links", (all) => all.filter((_, i) => i !== index))}
                  >
                    {t("catalog.remove")}
                  </button>
                </p>
              )}
            </Index>
            <Show when={editing.links.length < CARD_LINKS_MAX}>
              <button
                type="button"
                onClick={() => setEditing("links", (all) => [...all, { title: "", url: "https://" }])}
              >
                {t("catalog.addLink")}
              </button>
            </Show>
          </fieldset>

          <fieldset>
            <legend>{t("catalog.form", { max: CARD_FORM_FIELDS_MAX })}</legend>
            <Index each={editing.form}>
              {(field, index) => (
                <p>
                  <label for={`${id}-field-label-${index}`}>{t("catalog.fieldLabel")}</label>
                  <input
                    id={`${id}-field-label-${index}`}
                    required
                    maxLength={60}
                    value={field().label}
                    onInput={(e) => setEditing("form", index, "label", e.currentTarget.value)}
                  />
                  <label for={`${id}-field-name-${index}`}>{t("catalog.fieldName")}</label>
                  <input
                    id={`${id}-field-name-${index}`}
                    required
                    pattern="[a-z][a-z0-9_]{0,39}"
                    value={field().name}
                    onInput={(e) => setEditing("form", index, "name", e.currentTarget.value)}
                  />
                  <label for={`${id}-field-type-${index}`}>{t("catalog.fieldTypeLabel")}</label>
                  <select
                    id={`${id}-field-type-${index}`}
                    value={field().type}
                    onChange={(e) => setEditing("form", index, "type", e.currentTarget.value as FieldType)}
                  >
                    <For each={FIELD_TYPES}>
                      {(type) => <option value={type}>{t(`catalog.fieldType.${type}`)}</option>}
                    </For>
                  </select>
                  <Show when={field().type === "select"}>
                    <label for={`${id}-field-options-${index}`}>{t("catalog.fieldOptions")}</label>
                    <input
                      id={`${id}-field-options-${index}`}
                      required
                      value={field().options}
                      onInput={(e) => setEditing("form", index, "options", e.currentTarget.value)}
                    />
                  </Show>
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => setEditing("form", (all) => all.filter((_, i) => i !== index))}
                  >
                    {t("catalog.remove")}
                  </button>
                </p>
              )}
            </Index>
            <Show when={editing.form.length < CARD_FORM_FIELDS_MAX}>
              <button
                type="button"
                onClick={() =>
                  setEditing(
                    "form",
                    produce((all) => all.push({ name: "", label: "", type: "text", options: "" })),
                  )
                }
              >
                {t("catalog.addField")}
              </button>
            </Show>
          </fieldset>

          <Show when={problem()}>
            <p class="form-error" role="alert">
              {problem()}
            </p>
          </Show>
          <div class="dialog-actions">
            <button type="button" onClick={() => setOpen(false)}>
              {t("catalog.close")}
            </button>
            <button type="submit" class="primary" disabled={busy()} aria-busy={busy()}>
              {t("catalog.save")}
            </button>
          </div>
        </form>
        <section class="catalog-preview" aria-label={t("catalog.preview")}>
          <h3>{t("catalog.preview")}</h3>
          <CardView
            card={preview()}
            image={
              <Show when={editing.image}>
                {(image) => (
                  <Show when={image().previewUrl} fallback={<p class="muted">🖼 {image().name}</p>}>
                    {(url) => <img class="attachment-image" src={url()} alt={image().name} />}
                  </Show>
                )}
              </Show>
            }
          />
        </section>
      </Show>
    </main>
  );
}
