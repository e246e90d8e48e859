import { For, Show } from "solid-js";
import type { TreeProblem } from "../data/scripts";
import type { MessageKey } from "../i18n";
import { useI18n } from "../providers/i18n-provider";

/** What stops the tree from being published, in words, next to the branch or step it is about. */
export function ScriptProblems(props: { problems: readonly TreeProblem[] }) {
  const { t } = useI18n();
  return (
    <Show when={props.problems.length > 0}>
      <ul class="form-problems script-problems">
        <For each={props.problems}>
          {(problem) => (
            <li>
              {t(`scripts.problem.${problem.code}` as MessageKey, {
                step: problem.step ?? "",
                target: problem.target ?? "",
              })}
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}
