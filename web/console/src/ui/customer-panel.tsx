import { createEffect, createSignal, For, type JSX, on, Show } from "solid-js";
import type { Channel, ConversationInfo, CustomerProfile, SearchHit } from "../data/console-types";
import { type ProfileFields, profileFields } from "../data/customer-profile";
import { formatTime } from "../data/format";
import { useI18n } from "../providers/i18n-provider";
import { CaseRating } from "./case-rating";
import { ChannelTag } from "./channel-tag";

type Props = {
  customerName: string | undefined;
  profile: CustomerProfile | undefined;
  profileSaving: boolean;
  /** Saves the profile; the problem to show when the server refused it, null when saved. */
  onSaveProfile(fields: ProfileFields): Promise<string | null>;
  /** All the customer's conversations, on every channel, newest first. */
  timeline: ConversationInfo[];
  currentId: string;
  /** The outside channels the agent may reach the customer on from here. */
  canWrite: { whatsapp: boolean; email: boolean };
  onWriteWhatsApp(): void;
  onWriteEmail(): void;
  /** A conversation the agent just started from here, to open when he wants. */
  started: { conversationId: string; channel: Channel } | null;
  search: { query: string; hits: SearchHit[] } | null;
  searching: boolean;
  now: number;
  dispositionLabel(code: string): string;
  onOpen(conversationId: string): void;
  onSearch(query: string): void;
  onOpenHit(hit: SearchHit): void;
  /** The team's view of the customer: his open cases and the private notes of his other cases. */
  team?: JSX.Element;
  /** The case's documents and audit trail (issue 6). */
  documents?: JSX.Element;
  /** The approvals asked of the customer in this case (issue 6). */
  approvals?: JSX.Element;
};

const PROFILE_FIELDS = [
  { field: "name", key: "profile.name", type: "text", autocomplete: "off" },
  { field: "phone", key: "profile.phone", type: "tel", autocomplete: "off" },
  { field: "email", key: "profile.email", type: "email", autocomplete: "off" },
  { field: "documentNumber", key: "profile.document", type: "text", autocomplete: "off" },
] as const;

export function CustomerPanel(props: Props) {
  const { t, lang } = useI18n();
  let query!: HTMLInputElement;
  const [editing, setEditing] = createSignal(false);
  const [fields, setFields] = createSignal<ProfileFields>(profileFields(undefined));
  const [profileProblem, setProfileProblem] = createSignal<string | null>(null);
  const [profileSaved, setProfileSaved] = createSignal(false);

  // Another conversation, maybe another customer: whatever was being edited belonged to the last one.
  createEffect(
    on(
      () => props.currentId,
      () => {
        setEditing(false);
        setProfileSaved(false);
      },
      { defer: true },
    ),
  );

  const state = (conversation: ConversationInfo) => {
    if (conversation.status === "closed") {
      return t("conversation.closed", {
        disposition: props.dispositionLabel(conversation.disposition ?? ""),
      });
    }
    if (conversation.status === "queued") return t("conversation.queued");
    return t("conversation.assignedTo", { name: conversation.assigneeName ?? "" });
  };

  const searchStatus = () => {
    const search = props.search;
    if (!search) return "";
    return search.hits.length
      ? t("customer.results", { count: search.hits.length })
      : t("customer.noResults", { query: search.query });
  };

  const startEditing = () => {
    setFields(profileFields(props.profile));
    setProfileProblem(null);
    setProfileSaved(false);
    setEditing(true);
    // At once, not on the next frame: keys typed meanwhile would land in whatever took focus.
    document.getElementById("profile-name")?.focus();
  };
  const save = async () => {
    setProfileProblem(null);
    const problem = await props.onSaveProfile(fields());
    if (problem) setProfileProblem(problem);
    else {
      setEditing(false);
      setProfileSaved(true);
      document.getElementById("profile-edit")?.focus();
    }
  };

  return (
    <aside class="customer" aria-labelledby="customer-heading">
      <h2 id="customer-heading">{t("customer.heading")}</h2>
      <p class="customer-name">{props.profile?.name ?? props.customerName ?? t("customer.unnamed")}</p>

      <section aria-labelledby="profile-heading">
        <h3 id="profile-heading">{t("profile.heading")}</h3>
        <Show
          when={editing()}
          fallback={
            <>
              <dl class="profile">
                <For each={PROFILE_FIELDS}>
                  {(item) => (
                    <>
                      <dt>{t(item.key)}</dt>
                      <dd>{props.profile?.[item.field] || t("profile.unknown")}</dd>
                    </>
                  )}
                </For>
              </dl>
              <button type="button" id="profile-edit" disabled={!props.profile} onClick={startEditing}>
                {t("profile.edit")}
              </button>
              <p class="profile-status" role="status">
                {profileSaved() ? t("profile.saved") : ""}
              </p>
            </>
          }
        >
          <form
            class="profile-form"
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <For each={PROFILE_FIELDS}>
              {(item) => (
                <>
                  <label for={`profile-${item.field}`}>{t(item.key)}</label>
                  <input
                    id={`profile-${item.field}`}
                    type={item.type}
                    autocomplete={item.autocomplete}
                    maxLength={item.field === "name" ? 120 : 254}
                    value={fields()[item.field]}
                    aria-invalid={profileProblem() ? "true" : undefined}
                    aria-describedby="profile-problem"
                    onInput={(event) => setFields({ ...fields(), [item.field]: event.currentTarget.value })}
                  />
                </>
              )}
            </For>
            <p id="profile-problem" class="form-error" role="alert">
              {profileProblem() ?? ""}
            </p>
            <div class="dialog-actions">
              <button type="button" onClick={() => setEditing(false)}>
                {t("profile.cancel")}
              </button>
              <button type="submit" class="primary" disabled={props.profileSaving}>
                {t("profile.save")}
              </button>
            </div>
          </form>
        </Show>
      </section>

      <Show when={props.canWrite.whatsapp || props.canWrite.email}>
        <section aria-labelledby="reach-heading">
          <h3 id="reach-heading">{t("outreach.heading")}</h3>
          <div class="reach-actions">
            <Show when={props.canWrite.whatsapp}>
              <button type="button" onClick={() => props.onWriteWhatsApp()}>
                {t("outreach.whatsapp")}
              </button>
            </Show>
            <Show when={props.canWrite.email}>
              <button type="button" onClick={() => props.onWriteEmail()}>
                {t("outreach.email")}
              </button>
            </Show>
          </div>
          <div role="status" class="reach-status">
            <Show when={props.started}>
              {(started) => (
                <p>
                  {t("outreach.started", { channel: t(`channel.${started().channel}`) })}{" "}
                  <button
                    type="button"
                    class="link-button"
                    onClick={() => props.onOpen(started().conversationId)}
                  >
                    {t("outreach.open", { channel: t(`channel.${started().channel}`) })}
                  </button>
                </p>
              )}
            </Show>
          </div>
        </section>
      </Show>

      {props.team}

      {props.documents}

      {props.approvals}

      <section aria-labelledby="timeline-heading">
        <h3 id="timeline-heading">{t("customer.timeline")}</h3>
        <Show when={props.timeline.length > 1} fallback={<p class="muted">{t("customer.noEarlier")}</p>}>
          <ul class="earlier">
            <For each={props.timeline}>
              {(conversation) => {
                const current = () => conversation.conversationId === props.currentId;
                const inner = () => (
                  <>
                    <span class="row-line">
                      <ChannelTag channel={conversation.channel} />
                      <time class="row-time" datetime={conversation.createdAt}>
                        {formatTime(lang(), conversation.createdAt, props.now)}
                      </time>
                    </span>
                    <span class="row-subject">{conversation.subject}</span>
                    <span class="row-meta">{current() ? t("customer.current") : state(conversation)}</span>
                    <Show when={conversation.rating}>
                      {(rating) => <CaseRating rating={rating()} compact />}
                    </Show>
                  </>
                );
                return (
                  <li>
                    <Show
                      when={!current()}
                      fallback={
                        <div class="history-row" aria-current="true">
                          {inner()}
                        </div>
                      }
                    >
                      <button
                        type="button"
                        class="history-row"
                        onClick={() => props.onOpen(conversation.conversationId)}
                      >
                        {inner()}
                      </button>
                    </Show>
                  </li>
                );
              }}
            </For>
          </ul>
        </Show>
      </section>

      <section aria-labelledby="search-heading">
        <h3 id="search-heading">{t("customer.search")}</h3>
        <search>
          <form
            class="search"
            onSubmit={(event) => {
              event.preventDefault();
              props.onSearch(query.value);
            }}
          >
            <input ref={query} type="search" name="q" maxLength={200} aria-labelledby="search-heading" />
            <button type="submit" disabled={props.searching}>
              {t("customer.searchButton")}
            </button>
          </form>
        </search>
        <p role="status" class="search-status">
          {searchStatus()}
        </p>
        <Show when={props.search}>
          {(search) => (
            <ul class="search-results">
              <For each={search().hits}>
                {(hit) => (
                  <li>
                    <button type="button" class="history-row" onClick={() => props.onOpenHit(hit)}>
                      <span class="row-preview">{hit.text || hit.attachmentNames.join(", ")}</span>
                      <span class="row-meta">
                        {hit.author === "customer"
                          ? (props.customerName ?? t("message.customer"))
                          : (hit.authorName ?? t(`message.${hit.author}`))}
                        {" · "}
                        <time datetime={hit.createdAt}>{formatTime(lang(), hit.createdAt, props.now)}</time>
                      </span>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Show>
      </section>
    </aside>
  );
}
