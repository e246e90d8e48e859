import { Match, Switch } from "solid-js";
import type { ConversationInfo } from "../data/api.js";
import { useI18n } from "../providers/i18n-provider.js";

export function ConversationStatus(props: {
  conversation: Pick<ConversationInfo, "status" | "assigneeName">;
}) {
  const { t } = useI18n();
  return (
    <span class="status" data-status={props.conversation.status}>
      <Switch>
        <Match when={props.conversation.status === "queued"}>{t("statusQueued")}</Match>
        <Match when={props.conversation.status === "closed"}>{t("statusClosed")}</Match>
        <Match when={props.conversation.assigneeName}>
          {(name) => t("statusAssigned", { name: name() })}
        </Match>
        <Match when={true}>{t("statusAssignedAnonymous")}</Match>
      </Switch>
    </span>
  );
}

/** A count a sighted customer reads as a number in a dot, and a screen reader as "2 sin leer". */
export function UnreadBadge(props: { count: number }) {
  const { t } = useI18n();
  return (
    <span class="badge">
      <span aria-hidden="true">{props.count}</span>
      <span class="visually-hidden">{t("unread", { n: props.count })}</span>
    </span>
  );
}
