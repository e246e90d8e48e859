import { type JSX, onMount, Show } from "solid-js";
import { useI18n } from "../providers/i18n-provider.js";
import { Icon } from "./icons.js";

type Props = {
  titleId: string;
  title: string;
  /** Without it there is no way back to show. */
  onBack: (() => void) | undefined;
  /** Moves the focus to the title, so keyboard and screen reader users land on what just opened. */
  focusTitle?: boolean;
  children?: JSX.Element;
};

/** The title bar of the main pane, with the way back to the list on narrow screens. */
export function PaneHead(props: Props) {
  const { t } = useI18n();
  let title!: HTMLHeadingElement;
  onMount(() => {
    if (props.focusTitle) title.focus();
  });
  return (
    <div class="pane-head">
      <Show when={props.onBack}>
        {(back) => (
          <button
            type="button"
            class="icon-button back"
            aria-label={t("backToList")}
            onClick={() => back()()}
          >
            <Icon name="back" />
          </button>
        )}
      </Show>
      <h2 ref={title} id={props.titleId} class="pane-title" tabIndex={-1}>
        {props.title}
      </h2>
      {props.children}
    </div>
  );
}
