import type { JSX } from "solid-js";
import { useI18n } from "../providers/i18n-provider.js";

type Props = {
  /** On a narrow screen only one pane shows: the list, or what is open in the main pane. */
  pane: "list" | "detail";
  header: JSX.Element;
  inbox: JSX.Element;
  main: JSX.Element;
};

export function ChatLayout(props: Props) {
  const { t } = useI18n();
  return (
    <div class="app" data-pane={props.pane}>
      {props.header}
      <div class="app-body">
        <nav class="inbox" aria-label={t("conversationsHeading")}>
          {props.inbox}
        </nav>
        <main class="pane">{props.main}</main>
      </div>
    </div>
  );
}

export function EmptyPane() {
  const { t } = useI18n();
  return <p class="empty-pane muted">{t("chooseConversation")}</p>;
}
