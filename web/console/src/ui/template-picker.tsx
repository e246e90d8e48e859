import { createUniqueId, For, Index, Show } from "solid-js";
import type { MessageTemplate } from "../data/console-types";
import type { TemplateDraft } from "../data/draft-store";
import { findTemplate, previewTemplate, templateKey, templateParameters } from "../data/templates";
import { useI18n } from "../providers/i18n-provider";

type Props = {
  templates: readonly MessageTemplate[];
  value: TemplateDraft;
  onChange(value: TemplateDraft): void;
};

/**
 * Picks one of the tenant's approved WhatsApp templates and fills its parameters, with the
 * body shown as the customer will read it while the agent types.
 */
export function TemplatePicker(props: Props) {
  const { t } = useI18n();
  const id = createUniqueId();
  const selected = () => findTemplate(props.templates, props.value.key);
  const parameters = () => {
    const template = selected();
    return template ? templateParameters(template.body) : [];
  };
  // Values sit at their parameter's number less one, as `{{n}}` reads them.
  const setValue = (index: number, value: string) => {
    const values = Array.from({ length: Math.max(index + 1, props.value.values.length) }, (_, i) =>
      i === index ? value : (props.value.values[i] ?? ""),
    );
    props.onChange({ key: props.value.key, values });
  };

  return (
    <Show when={props.templates.length} fallback={<p class="form-error">{t("template.none")}</p>}>
      <div class="template-picker">
        <label for={`${id}-template`}>{t("template.choose")}</label>
        <select
          id={`${id}-template`}
          value={props.value.key}
          onChange={(event) => props.onChange({ key: event.currentTarget.value, values: [] })}
        >
          <option value="">{t("template.placeholder")}</option>
          <For each={props.templates}>
            {(template) => (
              <option value={templateKey(template)}>
                {template.name} ({template.language})
              </option>
            )}
          </For>
        </select>
        <Show when={selected()}>
          {(template) => (
            <>
              <Index each={parameters()}>
                {(n) => (
                  <>
                    <label for={`${id}-param-${n()}`}>{t("template.parameter", { n: n() })}</label>
                    <input
                      id={`${id}-param-${n()}`}
                      type="text"
                      maxLength={1024}
                      value={props.value.values[n() - 1] ?? ""}
                      onInput={(event) => setValue(n() - 1, event.currentTarget.value)}
                    />
                  </>
                )}
              </Index>
              <p class="template-preview-label" id={`${id}-preview`}>
                {t("template.preview")}
              </p>
              <output class="template-preview" aria-labelledby={`${id}-preview`}>
                <For each={previewTemplate(template().body, props.value.values)}>
                  {(part) =>
                    "text" in part ? (
                      part.text
                    ) : (
                      <mark classList={{ missing: !part.value }}>
                        {part.value || `{{${part.parameter}}}`}
                      </mark>
                    )
                  }
                </For>
              </output>
            </>
          )}
        </Show>
      </div>
    </Show>
  );
}
