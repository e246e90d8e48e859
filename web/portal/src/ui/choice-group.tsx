import { For, Show } from "solid-js";

type Props<V extends string> = {
  id: string;
  legend: string;
  options: readonly { value: V; label: string }[];
  value: V | "";
  onChange: (value: V) => void;
  error?: string;
  required?: boolean;
  optionalText?: string;
};

/** Radio buttons under one legend; an error is tied to the group. */
export function ChoiceGroup<V extends string>(props: Props<V>) {
  const errorId = () => `${props.id}-error`;
  return (
    <fieldset class="choices" id={props.id} aria-describedby={props.error ? errorId() : undefined}>
      <legend>
        {props.legend}
        <Show when={props.required}>
          <span aria-hidden="true"> *</span>
        </Show>
        <Show when={props.optionalText}>
          <span class="optional"> {props.optionalText}</span>
        </Show>
      </legend>
      <For each={props.options}>
        {(option) => (
          <label class="choice">
            <input
              type="radio"
              name={props.id}
              value={option.value}
              checked={props.value === option.value}
              onChange={() => props.onChange(option.value)}
            />
            {option.label}
          </label>
        )}
      </For>
      <Show when={props.error}>
        <p class="field-error" id={errorId()}>
          {props.error}
        </p>
      </Show>
    </fieldset>
  );
}
