import { For } from "solid-js";
import { useI18n } from "../providers/i18n-provider";
import type { Notice } from "../providers/notices-provider";

/**
 * A strip under the header rather than floating toasts, so a notice never covers a control;
 * always in the page, so screen readers announce what is added to it.
 */
export function NoticesRegion(props: { notices: Notice[]; onDismiss(id: number): void }) {
  const { t } = useI18n();
  return (
    <section class="notices" aria-label={t("notices.label")}>
      <div role="status">
        <ul>
          <For each={props.notices}>
            {(notice) => (
              <li class="notice">
                <span>{notice.text()}</span>
                <button type="button" class="icon-button" onClick={() => props.onDismiss(notice.id)}>
                  <span aria-hidden="true">×</span>
                  <span class="visually-hidden">{t("notices.dismiss")}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </div>
    </section>
  );
}
